"""REST 3.0's errors: ``{"error": {"code", "message", "validation"?}}``, codes prefixed
``BITRIX_REST_V3_EXCEPTION_`` (API reference §7; ``api-reference/rest-v3.md``)."""

from __future__ import annotations

from collections.abc import Sequence

from tray_app.demo.errors import RestError

PREFIX = "BITRIX_REST_V3_EXCEPTION_"
_NOT_FOUND = {"code": "ERROR_METHOD_NOT_FOUND", "message": "Method not found!"}


class V3Error(Exception):
    """A REST 3.0 error: code, message, HTTP status and the fields that failed validation."""

    def __init__(
        self,
        code: str,
        message: str,
        status: int = 400,
        validation: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(code, message, status)
        self.code = code
        self.message = message
        self.status = status
        self.validation = tuple(validation)

    def envelope(self) -> dict[str, object]:
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.validation:
            error["validation"] = [{"field": f, "message": m} for f, m in self.validation]
        return {"error": error}

    @classmethod
    def from_rest(cls, error: RestError) -> V3Error:
        """An error of the shared webhook checks, given in the new shape."""
        return cls(error.code, error.description, error.status)


def method_not_found() -> V3Error:
    return V3Error(_NOT_FOUND["code"], _NOT_FOUND["message"], 404)


def required_field(field: str) -> V3Error:
    return V3Error(
        PREFIX + "VALIDATION_REQUESTVALIDATIONEXCEPTION",
        "Error during request object validation",
        validation=[(field, f"Required field `{field}` is not specified")],
    )


def invalid_value(field: str, message: str) -> V3Error:
    return V3Error(
        PREFIX + "VALIDATION_REQUESTVALIDATIONEXCEPTION",
        "Error during request object validation",
        validation=[(field, message)],
    )


def invalid_filter(message: str) -> V3Error:
    return V3Error(PREFIX + "INVALIDFILTEREXCEPTION", message)


def invalid_pagination(name: str) -> V3Error:
    return V3Error(
        PREFIX + "INVALIDPAGINATIONEXCEPTION", f"Unable to recognize pagination parameter `{name}`"
    )


def access_denied() -> V3Error:
    return V3Error(PREFIX + "ACCESSDENIEDEXCEPTION", "Access denied", 403)


def insufficient_scope() -> V3Error:
    return V3Error(
        PREFIX + "INSUFFICIENTSCOPEEXCEPTION",
        "The request requires higher privileges than provided by the webhook token",
        403,
    )


def invalid_json() -> V3Error:
    return V3Error(PREFIX + "INVALIDJSONEXCEPTION", "Invalid JSON in the request body")
