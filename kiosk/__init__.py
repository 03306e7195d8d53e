"""Experience-zone kiosk."""
