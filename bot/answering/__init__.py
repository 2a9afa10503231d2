"""The core: a question in, an `Answer` out. No rendering, storage or Telegram."""
