"""Errors an editor can act on. The CLI prints them as one line, ``Error: ...``, with no traceback."""


class ClaimsError(Exception):
    """Base for every error caused by input or by the state of the desk, not by a bug."""

    exit_code = 1


class NotFound(ClaimsError):
    """An id or name that does not exist."""


class InvalidInput(ClaimsError):
    """Input the tool cannot accept: an unknown status, an empty article, a bad file."""


class RuleViolation(ClaimsError):
    """An action the newsroom's rules forbid, such as a verdict without evidence."""


class MissingDetail(RuleViolation):
    """A rule asking for what the command did not give: NEEDS is "evidence" or "note", so that a
    spreadsheet import can name the cell to fill in rather than the command-line option."""

    def __init__(self, message: str, *, needs: str) -> None:
        super().__init__(message)
        self.needs = needs


class SchemaMismatch(ClaimsError):
    """The database is at another schema revision than this version of claims expects."""


class NotAllowed(ClaimsError):
    """An action the editor's role, or the two-person rule, does not allow them."""


class ConflictError(ClaimsError):
    """Someone else changed the claim between the editor's look at it and their write."""

    exit_code = 3


class ClaimChanged(ConflictError):
    """The write of claim CLAIM_ID found it at another version than it read: a colleague's change
    was committed in between. Whoever catches it says who changed it, after rolling back."""

    def __init__(self, claim_id: int) -> None:
        super().__init__(
            f"claim {claim_id} was changed while you were working; run claims show {claim_id} and try again"
        )
        self.claim_id = claim_id
