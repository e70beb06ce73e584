"""The staff's own words (the staff panel, the preview's banner about a broken content
file), in the languages the kiosk ships wording for.

Staff read them in the language the kiosk is showing; a language without staff
wording here gets English.  The diagnostics lines (versions, paths, errors) stay as they
are: they are for whoever looks after the machine, and for bug reports.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "en": {
        "pad_title": "Staff PIN",
        "menu_title": "Staff menu",
        "clear": "Clear",
        "ok": "OK",
        "exit": "Exit the kiosk",
        "reload": "Reload content now",
        "back": "Back to the exhibit",
        "cancel": "Cancel",
        "locked": "Locked: try again in {seconds} s",
        "locked_minutes": "Locked: try again in {minutes} min",
        "wrong": ("Wrong PIN: {left} try left", "Wrong PIN: {left} tries left"),
        "reloaded": "Content checked again (see Diagnostics)",
        "banner": "Preview: the content file has mistakes - the kiosk keeps showing its last good "
        "version. Fix them and save; this disappears.",
        "banner_more": "... and {count} more (kiosk check lists them all)",
    },
    "ru": {
        "pad_title": "PIN сотрудника",
        "menu_title": "Меню сотрудника",
        "clear": "Стереть",
        "ok": "OK",
        "exit": "Закрыть киоск",
        "reload": "Загрузить содержание заново",
        "back": "Вернуться к экспозиции",
        "cancel": "Отмена",
        "locked": "Заблокировано: повторите через {seconds} с",
        "locked_minutes": "Заблокировано: повторите через {minutes} мин",
        "wrong": (
            "Неверный PIN: осталась {left} попытка",
            "Неверный PIN: осталось {left} попытки",
            "Неверный PIN: осталось {left} попыток",
        ),
        "reloaded": "Содержание проверено заново (см. диагностику)",
        "banner": "Предпросмотр: в файле содержания есть ошибки — киоск по-прежнему показывает "
        "последнюю исправную версию. Исправьте их и сохраните файл; это сообщение исчезнет.",
        "banner_more": "... и ещё {count} (все перечислит kiosk check)",
    },
    "zh-Hans": {
        "pad_title": "工作人员密码",
        "menu_title": "工作人员菜单",
        "clear": "清除",
        "ok": "确定",
        "exit": "退出展项程序",
        "reload": "立即重新加载内容",
        "back": "返回展览",
        "cancel": "取消",
        "locked": "已锁定：请在{seconds}秒后重试",
        "locked_minutes": "已锁定：请在{minutes}分钟后重试",
        "wrong": ("密码错误：还可尝试{left}次",),
        "reloaded": "已重新检查内容（见诊断信息）",
        "banner": "预览：内容文件有错误，展项程序仍显示上一个正确的版本。改正并保存后，此提示即消失。",
        "banner_more": "……另有{count}条（kiosk check 会全部列出）",
    },
}


def _plural(code: str, n: int) -> int:
    """Which of a message's forms a count takes (CLDR cardinal rules for integers)."""
    if code == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
    return 0 if n == 1 else 1


def words(code: str) -> dict[str, str]:
    """The plain words (titles and buttons) in this language, or in English."""
    table = WORDS.get(code, WORDS["en"])
    return {key: value for key, value in table.items() if isinstance(value, str)}


def say(code: str, key: str, count: int | None = None, **args) -> str:
    """One message in this language (or English); ``count`` picks the plural form."""
    if not key:
        return ""
    if code not in WORDS:
        code = "en"
    text = WORDS[code][key]
    if isinstance(text, tuple):
        text = text[min(_plural(code, count or 0), len(text) - 1)]
    return text.format(**args)
