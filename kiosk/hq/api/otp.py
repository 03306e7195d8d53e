"""`POST /v1/otp` (text a confirmation code) and `POST /v1/otp/verify` (check it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from kiosk.hq.api.bodies import CodeCheck, CodeRequest, CodeSent, CodeVerdict, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep, SourceDep, json_body, request_body

router = APIRouter(prefix="/v1", tags=["confirmation codes"])


@router.post(
    "/otp",
    status_code=201,
    response_model=CodeSent,
    responses={code: {"model": Problem} for code in (400, 401, 403, 408, 413, 422, 429, 503)},
    openapi_extra=request_body(CodeRequest),
)
def send_code(
    device: DeviceDep, body: Annotated[CodeRequest, json_body(CodeRequest)], hq: HqDep, source: SourceDep
) -> CodeSent:
    """Text a six-digit code to the customer's mobile; 429 (with Retry-After and which cap)
    while the last code for that number is too recent, or a cap on codes is reached."""
    challenge = hq.confirmations.request(device, body.phone, now=hq.clock(), source=source)
    resend = int(hq.confirmations.limits.resend_after.total_seconds())
    return CodeSent(challenge=challenge.id, expires_at=challenge.expires_at, resend_after_s=resend)


@router.post(
    "/otp/verify",
    response_model=CodeVerdict,
    responses={code: {"model": Problem} for code in (400, 401, 403, 404, 408, 409, 410, 413, 422, 429)},
    openapi_extra=request_body(CodeCheck),
)
def verify_code(
    device: DeviceDep, body: Annotated[CodeCheck, json_body(CodeCheck)], hq: HqDep, source: SourceDep
) -> CodeVerdict:
    """Check the code the customer typed. A wrong code answers `verified: false` with the
    tries left; a right one gives the confirmation the order must carry."""
    verdict = hq.confirmations.verify(device, body.challenge, body.code, now=hq.clock(), source=source)
    return CodeVerdict(
        verified=verdict.verified, confirmation=verdict.confirmation, attempts_left=verdict.attempts_left
    )
