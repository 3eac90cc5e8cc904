"""Django's side of ``inputs.text``: a validator, and a form mixin that puts it on every
text field, so a form refuses control characters next to the field that holds them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from .text import find_control_character


def control_character_message(found: tuple[int, str]) -> str:
    """'contains a control character (U+0000) at position 3' in the user's language."""
    position, char = found
    return _("contains a control character (U+%(code)04X) at position %(position)d; "
             "remove it and try again.") % {"code": ord(char), "position": position}


@deconstructible
class ControlCharacterValidator:
    """A Django validator: refuse control characters (tab and line breaks when multiline)."""

    code = "control_character"

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        found = find_control_character(str(value), multiline=self.multiline)
        if found is not None:
            message = control_character_message(found)
            raise ValidationError(message[:1].upper() + message[1:], code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator) and self.multiline == other.multiline


def refuse_control_characters(field: forms.Field) -> None:
    """Give a text field the validator (once); a Textarea may hold tabs and line breaks."""
    if not isinstance(field, forms.CharField):
        return
    if any(isinstance(v, ControlCharacterValidator) for v in field.validators):
        return
    field.validators = [v for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)]
    field.validators.append(ControlCharacterValidator(
        multiline=isinstance(field.widget, forms.Textarea)))


class CleanTextMixin:
    """Mix into any Form or ModelForm: every text field refuses control characters."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            refuse_control_characters(field)


class CleanTextModelForm(CleanTextMixin, forms.ModelForm):
    """A ModelForm whose text fields refuse control characters (e.g. ``ModelAdmin.form``)."""


class FileUploadMixin:
    """A form's ``file`` field: no larger than the site's upload limit (said in the user's
    units), and its content read back whole."""

    def clean_file(self):
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        upload = self.cleaned_data["file"]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s). The maximum is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)})
        return upload

    def content(self) -> bytes:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return upload.read()
