"""Members read their panel's requests once scheduled, with the advice and the officer's answer as
they come, and answer a written consultation online."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.access import signed_in
from accounts.form_helpers import add_errors, posted
from engagement import forms, selectors, services

from .lookups import DOCUMENT, ENGAGEMENT, PANEL, document_response


@signed_in("engagement.member_panel_work", PANEL)
def member_work(request, panel):
    return render(
        request, "engagement/members/work.html", {"panel": panel, "engagements": selectors.scheduled_at(panel)}
    )


@signed_in("engagement.member_view_engagement", ENGAGEMENT)
def member_engagement(request, engagement):
    context = selectors.engagement_page(engagement) | {
        "mine": {answer.number: answer.answer for answer in engagement.answers.filter(person=request.user)},
        "points": engagement.advice.all(),
    }  # fmt: skip
    return render(request, "engagement/members/engagement.html", context)


@signed_in("engagement.answer_consultation", ENGAGEMENT)
def member_answer(request, engagement):
    if not engagement.consultation_open:
        return redirect("engagement:member_engagement", pk=engagement.pk)
    mine = {f"answer_{answer.number}": answer.answer for answer in engagement.answers.filter(person=request.user)}
    form = forms.AnswersForm(posted(request), questions=engagement.request.question_list, initial=mine)
    if request.method == "POST" and form.is_valid():
        try:
            services.written_answers_give(actor=request.user, engagement=engagement, answers=form.answers())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Thank you. Your answers have been sent to the coordinator.")
            return redirect("engagement:member_engagement", pk=engagement.pk)
    return render(request, "engagement/members/answer.html", {**selectors.engagement_page(engagement), "form": form})


@signed_in("engagement.member_read_documents", DOCUMENT)
def member_document(request, document):
    return document_response(document)
