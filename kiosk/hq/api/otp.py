"""`POST /v1/otp` (text a confirmation code) and `POST /v1/otp/verify` (check it)."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.hq.api.bodies import CodeCheck, CodeRequest, CodeSent, CodeVerdict, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep

router = APIRouter(prefix="/v1", tags=["confirmation codes"])


@router.post(
    "/otp",
    status_code=201,
    response_model=CodeSent,
    responses={code: {"model": Problem} for code in (400, 401, 429, 503)},
)
def send_code(body: CodeRequest, device: DeviceDep, hq: HqDep) -> CodeSent:
    """Text a six-digit code to the customer's mobile; 429 (with Retry-After) while the
    last code for that number is too recent."""
    challenge = hq.confirmations.request(device, body.phone, now=hq.clock())
    resend = int(hq.confirmations.policy.resend_after.total_seconds())
    return CodeSent(challenge=challenge.id, expires_at=challenge.expires_at, resend_after_s=resend)


@router.post(
    "/otp/verify",
    response_model=CodeVerdict,
    responses={code: {"model": Problem} for code in (401, 404, 409, 410, 429)},
)
def verify_code(body: CodeCheck, device: DeviceDep, hq: HqDep) -> CodeVerdict:
    """Check the code the customer typed. A wrong code answers `verified: false` with the
    tries left; a right one gives the confirmation the order must carry."""
    verdict = hq.confirmations.verify(device, body.challenge, body.code, now=hq.clock())
    return CodeVerdict(
        verified=verdict.verified, confirmation=verdict.confirmation, attempts_left=verdict.attempts_left
    )
