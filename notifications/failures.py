"""Why an email could not be delivered, in words a coordinator can act on. The technical error is
kept beside it (Message.last_error) for administrators."""

import smtplib

# Reply codes a receiving server gives for a refused recipient (RFC 5321, RFC 3463).
_REFUSED = {
    550: "The email address was refused: it may be mistyped, or no longer in use.",
    551: "The email address was refused: it may be mistyped, or no longer in use.",
    553: "The email address is not a valid address. Check it for mistakes.",
    552: "The person's mailbox is full.",
    452: "The person's mailbox is full.",
}


def in_words(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return _REFUSED.get(codes[0] if codes else 0, "The receiving email server refused the address.")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return "Our sending address was refused. An administrator needs to check the email settings."
    if isinstance(exc, smtplib.SMTPDataError):
        return "The receiving email server refused the message."
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "Our email server would not let us sign in. An administrator needs to check the email settings."
    return "Our email server could not be reached."


def bounced() -> str:
    """A bounce the email provider told us about after the message was accepted. What the provider
    said is kept for administrators (Message.last_error), never shown as ours."""
    return "The email bounced: the address may be mistyped, or no longer in use."


GAVE_UP = "We could not reach our email server for {hours} hours, so we stopped trying."
MISSING_FILE = "The document to send with it is no longer stored. Write the message again with the document."
