"""The question log and its reports, exports and retention. No Telegram."""
