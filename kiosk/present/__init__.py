"""What the customer sees, as typed rows, built without Qt.

Each function here takes the domain's objects (a catalogue `View`, a demo run) and the
customer's language and returns frozen dataclasses whose fields are what QML shows
(`service_id` is the role or property `serviceId`). The UI's models and controllers only
hand these rows to QML, so every text, price and colour is testable without a
QApplication.
"""
