"""A kiosk process that subscribes customers one after another, for the kill test: each
customer goes through the flow with a test number (HQ's fixed code), the order is kept,
"RECEIPT <order id>" is printed (the receipt shows) and a send pass follows at once, as
the running kiosk's kick does. Killed at any moment by the test.

    python -m tests.sync.subscriber DATA_DIR PHONE CODE
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.flow.subscribe import Offering, Step, Subscription, perform
from kiosk.services.orders import LocalOrders
from kiosk.sync.confirm import for_kiosk
from kiosk.sync.orders import OrderWorker


def main(data: Path, phone: str, code: str) -> None:
    book = LocalOrders(data / "ledger.sqlite3")
    book.open()
    confirmations = for_kiosk(data)
    assert confirmations is not None
    sender = OrderWorker(data, data / "ledger.sqlite3")
    offering = Offering("svc.5g-plus", None, 12_800, {"en": "5G Plus"}, {"en": "¥128 a month"})
    while True:
        flow = Subscription(lambda kind, **data: None, book)
        flow.open(offering)
        for d in phone:
            flow.digit(d)
        flow.number_done()
        flow.set_consent(True)
        effect = flow.confirm_review()
        assert effect is not None
        flow.report(effect, perform(confirmations, effect))
        for d in code:
            flow.code_digit(d)
        effect = flow.submit_code()
        assert effect is not None
        flow.report(effect, perform(confirmations, effect))
        assert flow.step is Step.RECEIPT, flow.problem
        print(f"RECEIPT {flow.order_id}", flush=True)
        flow.done()
        sender.run_pass()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
