"""Finance: export approved claims for the authority's finance system, and mark them paid."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import spreadsheets
from accounts.access import staff
from accounts.form_helpers import add_errors, posted
from payments import forms, selectors, services
from payments.money import pounds

from .lookups import BATCH, FINANCE_AREA


@staff(FINANCE_AREA)
def finance_home(request):
    ready = list(selectors.ready_to_export(request.user))
    context = {
        "ready": ready, "ready_total": sum(claim.total or 0 for claim in ready), "batches": selectors.batches(),
        "without_codes": sorted({claim.panel.name for claim in ready if not claim.panel.cost_code}),
    }  # fmt: skip
    return render(request, "payments/finance/home.html", context)


@require_POST
@staff("payments.export_claims")
def claims_export(request):
    try:
        batch = services.claims_export(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("payments:finance")
    messages.success(request, f"Export {batch.reference} is ready to download.")
    return redirect("payments:batch", pk=batch.pk)


@staff("payments.mark_paid", BATCH, area=FINANCE_AREA)
def batch_detail(request, batch):
    form = forms.MarkPaidForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            count = services.batch_mark_paid(actor=request.user, batch=batch, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{count} claims are marked paid, and each person has been told.")
            return redirect("payments:batch", pk=batch.pk)
    claims = selectors.with_totals(batch.claims.select_related("panel"))
    total = sum(claim.total or 0 for claim in claims)
    return render(request, "payments/finance/batch.html",
                  {"batch": batch, "claims": claims, "total": pounds(total), "form": form})  # fmt: skip


@staff("payments.export_claims", BATCH, area=FINANCE_AREA)
def batch_csv(request, batch):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="claims-{batch.reference}.csv"'
    writer = spreadsheets.dict_writer(response, selectors.EXPORT_COLUMNS)
    writer.writerow({column: column for column in selectors.EXPORT_COLUMNS})
    for row in selectors.export_rows(batch):
        writer.writerow(row)
    return response
