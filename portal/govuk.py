"""GOV.UK Frontend markup for every Django form, including allauth's, from one place."""

from django import forms
from django.forms.renderers import TemplatesSetting

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
}


class GovUKBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        # Django adds required, aria-invalid and aria-describedby (hint and error ids); GOV.UK
        # Frontend needs its classes on the control.
        attrs = super().build_widget_attrs(attrs, widget)
        css = WIDGET_CLASSES.get(self.widget_type, "govuk-input")
        if self.errors and self.widget_type != "checkbox":
            css += f" {css}--error"
        own = (widget or self.field.widget).attrs.get("class", "")
        attrs["class"] = " ".join(f"{css} {own} {attrs.get('class', '')}".split())
        return attrs


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
    bound_field_class = GovUKBoundField
