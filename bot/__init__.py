"""The conversation: answers composed from the core, and the CLI and Telegram adapters."""
