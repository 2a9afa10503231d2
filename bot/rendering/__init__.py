"""Pure renderers: answers and mission cards to plain text or Telegram HTML."""
