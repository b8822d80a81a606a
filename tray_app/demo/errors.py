"""The error the portal answers with: ``{"error": code, "error_description": text}``.

Every refusal inside the simulator is a :class:`RestError`; the HTTP layer turns it into the
envelope and status. Codes may be empty strings (``User not found``), exactly as on the portal.
"""

from __future__ import annotations


class RestError(Exception):
    """A REST error: machine code, description and HTTP status (400 unless said otherwise)."""

    def __init__(self, code: str, description: str, status: int = 400) -> None:
        super().__init__(code, description, status)
        self.code = code
        self.description = description
        self.status = status

    def envelope(self) -> dict[str, object]:
        return {"error": self.code, "error_description": self.description}

    def __str__(self) -> str:
        return f"{self.status} {self.code or '<empty>'}: {self.description}"


def method_not_found() -> RestError:
    return RestError("ERROR_METHOD_NOT_FOUND", "Method not found!", 404)


def no_auth_found() -> RestError:
    return RestError("NO_AUTH_FOUND", "Wrong authorization data", 401)


def invalid_token() -> RestError:
    return RestError("invalid_token", "Unable to get application by token", 401)


def https_required() -> RestError:
    return RestError("INVALID_REQUEST", "Https required.", 401)


def invalid_credentials() -> RestError:
    return RestError("INVALID_CREDENTIALS", "Invalid request credentials", 401)


def insufficient_scope(description: str = "") -> RestError:
    return RestError("insufficient_scope", description, 401)


def authorization_error() -> RestError:
    return RestError("authorization_error", "Unable to authorize user", 401)


def intranet_only() -> RestError:
    return RestError("ALLOWED_ONLY_INTRANET_USER", "Action allowed only for intranet users", 403)


def query_limit_exceeded() -> RestError:
    return RestError("QUERY_LIMIT_EXCEEDED", "Too many requests", 503)


def operation_time_limit() -> RestError:
    return RestError("OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.", 429)
