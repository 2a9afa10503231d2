"""Commands: /start, /help, /topics, /about and /ask, and their menu entries."""

from __future__ import annotations

from html import escape

from telegram import BotCommand, Update

from bot.i18n import t
from bot.rendering import link
from bot.telegram.arguments import command_argument
from bot.telegram.asking import answer_question, topics_in
from bot.telegram.callbacks import example_keyboard, example_questions
from bot.telegram.context import BotContext
from bot.telegram.languages import ui_language
from bot.telegram.sending import ReplyTarget, send_html

COMMAND_NAMES = ("start", "help", "ask", "topics", "about")


def bot_commands(lang: str) -> list[BotCommand]:
    """The command menu in ``lang``, for setMyCommands."""
    return [BotCommand(name, t(lang, f"telegram.commands.{name}")) for name in COMMAND_NAMES]


def _target(update: Update) -> ReplyTarget | None:
    return ReplyTarget.replying_to(update.effective_message) if update.effective_message else None


async def start(update: Update, context: BotContext) -> None:
    """Greet and offer three example questions as buttons (also the inline-mode deep link)."""
    target = _target(update)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    examples = example_questions(lang)
    greeting = escape(t(lang, "telegram.greeting"))
    await send_html(context.bot, target, greeting, example_keyboard(examples, lang))


async def help_command(update: Update, context: BotContext) -> None:
    """Explain how to ask, how to use the bot inline and in groups."""
    target = _target(update)
    if target is None:
        return
    text = t(ui_language(context, update.effective_user), "telegram.help", bot=context.bot.username)
    await send_html(context.bot, target, escape(text))


async def topics_command(update: Update, context: BotContext) -> None:
    """List what the material covers."""
    target = _target(update)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    topics = topics_in(context, lang)
    if not topics:
        await send_html(context.bot, target, escape(t(lang, "telegram.topics_empty")))
        return
    lines = [f"<b>{escape(t(lang, 'telegram.topics_header'))}</b>"]
    lines.extend(f"• {escape(topic)}" for topic in topics)
    await send_html(context.bot, target, "\n".join(lines))


async def about_command(update: Update, context: BotContext) -> None:
    """Name the sources of the material and its date."""
    target = _target(update)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    sources = context.engine.sources()
    lines = [f"<b>{escape(t(lang, 'telegram.about_header'))}</b>"]
    for source in sources:
        kind = ""
        if source.kind == "translation":
            kind = f" — <i>{escape(t(lang, 'telegram.unofficial_translation'))}</i>"
        lines.append(
            f"• {link(source.source_url, source.title)} ({escape(source.source_name)}, "
            f"{escape(source.date)}, {escape(source.language)}){kind}"
        )
    if sources:
        newest = max(source.date for source in sources)
        lines.append("\n" + escape(t(lang, "telegram.about_date", date=newest)))
    lines.append(escape(t(lang, "telegram.about_note")))
    await send_html(context.bot, target, "\n".join(lines))


async def ask_command(update: Update, context: BotContext) -> None:
    """Answer the question after /ask (or /ask@botname), in any chat."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = command_argument(update)
    await answer_question(context, ReplyTarget.replying_to(message), update.effective_user, question)
