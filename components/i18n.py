"""Every text the dashboard shows, in English and Arabic, in one table; dates in words; right to left.

`CATALOGUE` maps a key to (English, Arabic). The texts are plain text: a caller that puts one into
HTML escapes it there, like any other text. Placeholders (`{count}`) are the same in both languages
and are filled by `t()`. The legend, tooltip and base-layer labels come from components.map, so the
map and this table cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass

from components.map import BASE_LEGEND, KIND_LABELS, TOOLTIP_ALIASES, TOOLTIP_FIELDS
from geo.dates import day_month_year
from geo.view_state import DIGIT_STYLES, LANGUAGES, NOTICE_TEMPLATES

ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

INTERFACE_TEXTS: dict[str, tuple[str, str]] = {
    # dashboard.py
    "app.title": ("Syria's de-escalation zones, 2017–2024", "مناطق خفض التصعيد في سوريا، 2017–2024"),
    "app.data_not_loaded": ("The data could not be loaded: {error}", "تعذّر تحميل البيانات: {error}"),
    "explorer.features_on_map": ("{date} · {count} features on the map", "{date} · عدد العناصر على الخريطة: {count}"),
    "explorer.show_areas": ("Show the area over time", "عرض المساحة عبر الزمن"),
    "explorer.show_changes": ("Show what changed since the round before", "عرض ما تغيّر منذ الجولة السابقة"),
    "explorer.compare": ("Compare with another date", "المقارنة بتاريخ آخر"),
    "compare.date": ("Date to compare with", "تاريخ المقارنة"),
    "compare.caption": (
        "Left: {left} · right: {right}. Both maps show the same layers.",
        "على اليسار: {left} · على اليمين: {right}. تعرض الخريطتان الطبقات نفسها.",
    ),
    "compare.summary": (
        "Opposition-held north-west: {left_km2} km² on {left}, {right_km2} km² on {right}.",
        "الشمال الغربي الخاضع للمعارضة: {left_km2} كم² في {left}، و{right_km2} كم² في {right}.",
    ),
    "compare.not_mapped": ("not mapped", "غير مرسوم"),
    "explorer.downloads": ("Briefing outputs and data downloads", "مواد الإحاطة وتنزيل البيانات"),
    "explorer.show_table": ("Show the features on the map as a table", "عرض عناصر الخريطة في جدول"),
    "sidebar.timeline_caption": (
        "Astana rounds (blue), agreements (green) and events (grey)",
        "جولات أستانا (بالأزرق) والاتفاقات (بالأخضر) والأحداث (بالرمادي)",
    ),
    "sidebar.own_layer": ("Your own layer (stays in this session)", "طبقتك الخاصة (تبقى في هذه الجلسة فقط)"),
    "panel.delegations_values": ("Delegations: {values}", "الوفود: {values}"),
    "panel.observers_values": ("Observers: {values}", "المراقبون: {values}"),
    # The delegations are coded in data/rounds.yaml.
    "delegation.government": ("government", "الحكومة السورية"),
    "delegation.opposition": ("opposition", "المعارضة المسلحة"),
    "panel.sources_heading": ("Sources:", "المصادر:"),
    # components/panel.py
    "panel.no_round": (
        "No Astana round or milestone had started by this date.",
        "لم تكن أي جولة من جولات أستانا أو أي محطة قد بدأت حتى هذا التاريخ.",
    ),
    "panel.number": ("No. {number}", "رقم {number}"),
    "panel.confidence_line": ("Confidence: {confidence}", "درجة الثقة: {confidence}"),
    "round_kind.astana_round": ("Astana round", "جولة أستانا"),
    "round_kind.agreement": ("Agreement", "اتفاق"),
    "round_kind.event": ("Event", "حدث"),
    "confidence.high": ("high", "عالية"),
    "confidence.medium": ("medium", "متوسطة"),
    "confidence.low": ("low", "منخفضة"),
    "legend.empty": ("No features in force on this date.", "لا توجد عناصر سارية في هذا التاريخ."),
    "table.name_en": ("Name", "الاسم بالإنجليزية"),
    # Today's English table already heads the Arabic names in Arabic.
    "table.name_ar": ("الاسم", "الاسم"),
    "table.kind": ("Kind", "النوع"),
    "table.from": ("From", "من"),
    "table.until": ("Until", "حتى"),
    "table.confidence": ("Confidence", "درجة الثقة"),
    "table.sources": ("Sources", "المصادر"),
    "table.note": ("How it is drawn", "طريقة الرسم"),
    "touched.label": (
        "Features this round created or changed — pick one to highlight it on the map",
        "العناصر التي أنشأتها هذه الجولة أو غيّرتها — اختر أحدها لإبرازه على الخريطة",
    ),
    "touched.placeholder": ("{count} features", "عدد العناصر: {count}"),
    "problems.banner_one": ("Some data could not be used: 1 record left out", "تعذّر استخدام بعض البيانات: استُبعد سجلّ واحد"),
    "problems.banner_many": (
        "Some data could not be used: {count} records left out",
        "تعذّر استخدام بعض البيانات: عدد السجلات المستبعدة {count}",
    ),
    "problems.details": ("What was left out, and why", "ما الذي استُبعد، ولماذا"),
    # components/slider.py
    "slider.date": ("Date", "التاريخ"),
    "slider.help": (
        "Drag, or focus the slider and use the arrow keys (one day per step).",
        "اسحب المؤشر، أو حدّده واستخدم مفاتيح الأسهم (يومًا واحدًا في كل خطوة).",
    ),
    # The track runs left to right in both languages, so the arrows sit on the buttons' outer edges
    # as in English: in a right-to-left line the end of the text is on the left.
    "slider.previous": ("◀ Previous round", "الجولة السابقة ◀"),
    "slider.next": ("Next round ▶", "▶ الجولة التالية"),
    "slider.jump": ("Jump to a round or milestone", "الانتقال إلى جولة أو محطة"),
    "slider.jump_placeholder": ("Choose a round…", "اختر جولة…"),
    "play.button": ("▶ Play", "▶ تشغيل"),
    "play.pause": ("⏸ Pause", "⏸ إيقاف مؤقت"),
    "play.step": ("Step through", "التقدّم حسب"),
    "play.step.rounds": ("rounds and milestones", "الجولات والمحطات"),
    "play.step.months": ("months", "الأشهر"),
    "play.speed": ("Seconds per step", "ثوانٍ لكل خطوة"),
    "timeline.round": ("Round", "الجولة"),
    "timeline.start": ("Start", "البداية"),
    # components/view_controls.py
    "controls.layers": ("Layers", "الطبقات"),
    "controls.base_map": ("Base map", "الخريطة الأساسية"),
    # Both languages in one label: whoever opens the page finds the switch.
    "controls.language": ("Language · اللغة", "اللغة · Language"),
    "controls.digits": ("Digits", "الأرقام"),
    "digits.latin": ("Latin (2017)", "لاتينية (2017)"),
    "digits.arabic": ("Arabic-Indic (٢٠١٧)", "هندية (٢٠١٧)"),
    "base_map.offline": ("Offline vector map (no network)", "خريطة متجهية دون اتصال (لا تحتاج إلى الشبكة)"),
    "base_map.osm": (
        "OpenStreetMap tiles (online: the browser asks openstreetmap.org for tiles)",
        "مربعات OpenStreetMap (عبر الإنترنت: يطلب المتصفح المربعات من openstreetmap.org)",
    ),
    # components/downloads.py
    "downloads.png": ("PNG for slides (1920×1080)", "صورة PNG للشرائح (1920×1080)"),
    "downloads.html": ("Offline HTML map (slider and play)", "خريطة HTML تعمل دون اتصال (شريط زمني وزر تشغيل)"),
    "downloads.geojson": ("Features at this date (GeoJSON)", "العناصر في هذا التاريخ (GeoJSON)"),
    "downloads.geopackage": ("Features at this date (GeoPackage)", "العناصر في هذا التاريخ (GeoPackage)"),
    "downloads.rounds_csv": ("All rounds and milestones (CSV)", "جميع الجولات والمحطات (CSV)"),
    "downloads.note": (
        "The PNG and the HTML map are made in the page's language.",
        "تُعدّ صورة PNG وخريطة HTML بلغة الصفحة.",
    ),
    # components/town_search.py
    "town.label": ("Find a town (English or Arabic, any spelling)", "البحث عن بلدة (بالعربية أو الإنجليزية، بأي تهجئة)"),
    "town.placeholder": ("Maarat al-Numan, معرة النعمان…", "معرة النعمان، Maarat al-Numan…"),
    "town.no_match": ("No town matches {query}.", "لا توجد بلدة تطابق {query}."),
    "town.matches": ("Matches", "النتائج"),
    "town.not_tracked": (
        "{name} is not among the towns tracked in the control facts.",
        "{name} ليست من البلدات المتتبَّعة في بيانات السيطرة.",
    ),
    "town.held_by": (
        "On {date}, {name} was held by {controller} (confidence: {confidence}).",
        "في {date}، كانت {name} تحت سيطرة {controller} (درجة الثقة: {confidence}).",
    ),
    "controller.opposition": ("the armed opposition", "المعارضة المسلحة"),
    "controller.government": ("the government", "الحكومة"),
    "controller.sdf": ("the SDF", "قوات سوريا الديمقراطية (قسد)"),
    "controller.turkish_backed": ("Turkish-backed factions", "الفصائل المدعومة من تركيا"),
    # components/analysis.py
    "analysis.date": ("Date", "التاريخ"),
    "analysis.km2": ("Area (km²)", "المساحة (كم²)"),
    "analysis.series": ("Area", "المنطقة"),
    "analysis.north_west": ("Opposition-held north-west", "الشمال الغربي الخاضع للمعارضة"),
    "analysis.round": ("Round or milestone", "الجولة أو المحطة"),
    "analysis.chosen": ("Chosen date", "التاريخ المختار"),
    "analysis.heading": (
        "What changed from {previous} to {title} (the days after each: {before} → {after})",
        "ما الذي تغيّر بين {previous} و{title} (اليوم التالي لكلٍّ منهما: من {before} إلى {after})",
    ),
    "analysis.first": ("What was in force after {title} ({after})", "ما كان سارياً بعد {title} ({after})"),
    "analysis.area": (
        "Opposition-held north-west: {change} km² ({before} → {after} km²)",
        "الشمال الغربي الخاضع للمعارضة: {change} كم² (من {before} إلى {after} كم²)",
    ),
    "analysis.area_first": (
        "Opposition-held north-west, mapped from this date: {after} km²",
        "الشمال الغربي الخاضع للمعارضة، مرسوم ابتداءً من هذا التاريخ: {after} كم²",
    ),
    "analysis.beyond_chosen": (
        "{title} ran until {end}: its changes are counted to its end, after the date chosen.",
        "استمرّ {title} حتى {end}: تُحسب تغييراته حتى نهايته، أي بعد التاريخ المختار.",
    ),
    "analysis.zones_created": ("Zones created", "مناطق أُنشئت"),
    "analysis.zones_ended": ("Zones ended", "مناطق انتهت"),
    "analysis.towns": ("Towns that changed hands", "بلدات تغيّرت السيطرة عليها"),
    "analysis.posts_established": ("Observation posts set up", "نقاط مراقبة أُنشئت"),
    "analysis.posts_withdrawn": ("Observation posts withdrawn", "نقاط مراقبة سُحبت"),
    "analysis.nothing": ("Nothing changed between these two dates.", "لم يتغيّر شيء بين هذين التاريخين."),
    "analysis.town": ("Town", "البلدة"),
    "analysis.from": ("From", "من"),
    "analysis.to": ("To", "إلى"),
    "analysis.sources": ("Sources", "المصادر"),
    # components/overlay.py
    "overlay.label": ("Your own overlay", "طبقتك الخاصة"),
    "overlay.help": (
        "A GeoJSON, a KML or a zipped shapefile (.shp, .shx, .dbf and .prj), up to {megabytes} MB. "
        "It is drawn on top of the map in this browser session only: it is not saved, not shared with "
        "anyone else, and gone when you close the tab.",
        "ملف GeoJSON أو KML أو ملف شكل (shapefile) مضغوط (.shp و.shx و.dbf و.prj)، بحجم أقصاه {megabytes} ميغابايت. "
        "يُرسم فوق الخريطة في جلسة المتصفح هذه فقط: لا يُحفظ، ولا يُشارَك مع أي شخص آخر، ويزول عند إغلاق التبويب.",
    ),
    "overlay.note": ("Overlay: {note}", "الطبقة الخاصة: {note}"),
    "overlay.refused": ("{name}: {problem}", "رُفض الملف {name}: {problem}"),
    # components/html_export.py: the offline page's own texts.
    "html.title": ("Syria's de-escalation zones, 2017–2024", 'مناطق خفض التصعيد في سوريا، 2017–2024'),
    "html.play": ('Play', 'تشغيل'),
    "html.pause": ('Pause', 'إيقاف مؤقت'),
    "html.slider": ('Date', 'التاريخ'),
    "html.round": ('Round or milestone in force', 'الجولة أو الحدث الساري'),
    "html.none": ('none yet', 'لا شيء بعد'),
    "html.count": ('features on the map', 'عنصرًا على الخريطة'),
    "html.name": ('Name', 'الاسم'),
    "html.valid": ('Valid', 'الفترة'),
    "html.sources": ('Sources', 'المصادر'),
    "html.confidence": ('Confidence', 'درجة الثقة'),
    "html.legend": ('Legend', 'مفتاح الخريطة'),
    "html.credits": ('Borders: Natural Earth (public domain). Towns: GeoNames (CC BY 4.0). Zones: this project, from the sources each feature cites.', 'الحدود: Natural Earth (ملكية عامة). البلدات: GeoNames (CC BY 4.0). المناطق: هذا المشروع، من المصادر التي يذكرها كل عنصر.'),
    # components/png_text.py: the briefing image's texts.
    "png.posts": ('{count} Turkish observation posts', 'نقاط المراقبة التركية: {count}'),
    "png.nothing": ('No feature of the map in force on this date', 'لا توجد عناصر سارية على الخريطة في هذا التاريخ'),
    "png.sources": ('Sources (all in data/sources): round: {round}; map: {features}', 'المصادر (كلها في data/sources): الجولة: {round}؛ الخريطة: {features}'),
    "png.more": ('{names} and {count} more', '{names} و{count} غيرها'),
    "png.attribution": ('Natural Earth (public domain); GeoNames (CC BY 4.0); project data: {note}', 'البيانات: Natural Earth (ملكية عامة)؛ GeoNames (CC BY 4.0)؛ بيانات المشروع: {note}'),
    "png.confidence": ('lines drawn from GeoNames town points, approximate; confidence of the {total} features shown: {counts} (method in data/README.md)', 'الخطوط مرسومة من مواقع البلدات في GeoNames وهي تقريبية؛ درجة الثقة بالعناصر المعروضة ({total}): {counts} (الطريقة في data/README.md)'),
    "png.no_features": ('no feature of the project is in force on this date', 'لا تسري أي من عناصر المشروع في هذا التاريخ'),
    "png.high": ('{count} high', '{count} عالية'),
    "png.medium": ('{count} medium', '{count} متوسطة'),
    "png.low": ('{count} low', '{count} منخفضة'),
    "png.km": ('{length} km', '{length} كم'),
    # geo/view_state.py: the fixed parts of the warnings about a link.
    # geo/view_state.py: the warnings about a link (the English is geo's own).
    "link.ignored_round": (NOTICE_TEMPLATES["link.ignored_round"], "تم تجاهل round={value}: لا توجد على الشريط الزمني جولة أو محطة بهذا المعرّف."),
    "link.ignored_date": (NOTICE_TEMPLATES["link.ignored_date"], "تم تجاهل date={value}: يُتوقع تاريخ بالصيغة YYYY-MM-DD بين {start} و{end}."),
    "link.ignored_layers": (NOTICE_TEMPLATES["link.ignored_layers"], "تم تجاهل الطبقات {values}: يُتوقع أيٌّ مما يلي: {allowed}."),
    "link.ignored_value": (NOTICE_TEMPLATES["link.ignored_value"], "تم تجاهل {key}={value}: يُتوقع أحد ما يلي: {allowed}."),
}

CATALOGUE: dict[str, tuple[str, str]] = {
    **INTERFACE_TEXTS,
    **{f"kind.{kind}": labels for kind, labels in KIND_LABELS.items()},
    **{f"legend.{kind}": labels for kind, labels, _colour in BASE_LEGEND},
    **{
        f"tooltip.{field}": (english, arabic)
        for field, english, arabic in zip(TOOLTIP_FIELDS, TOOLTIP_ALIASES["en"], TOOLTIP_ALIASES["ar"])
    },
}


def _language_index(language: str) -> int:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return LANGUAGES.index(language)


def placeholders(template: str) -> set[str]:
    """The names a template asks for: `{count} features` -> {'count'}."""
    return {field for _text, field, _spec, _conversion in string.Formatter().parse(template) if field is not None}


def t(key: str, language: str, /, **values: object) -> str:
    """The text for `key` in `language` ("en" or "ar"), its placeholders filled from `values`.

    >>> t("touched.placeholder", "ar", count=3)
    'عدد العناصر: 3'
    """
    if key not in CATALOGUE:
        raise KeyError(f"no interface text {key!r} in components.i18n.CATALOGUE")
    template = CATALOGUE[key][_language_index(language)]
    missing = placeholders(template) - set(values)
    if missing:
        raise KeyError(f"interface text {key!r} needs {', '.join(sorted(missing))}")
    # A value is inserted once, as text: braces inside it are not read as placeholders.
    return template.format(**values)


def to_arabic_indic(text: str) -> str:
    """`2017` -> `٢٠١٧`: Western digits as Arabic-Indic ones, everything else unchanged."""
    return str(text).translate(ARABIC_INDIC_DIGITS)


def format_date(date: dt.date | str, language: str, digits: str = "latin") -> str:
    """`4 May 2017`, or `4 أيار/مايو 2017` (the Levantine and the common month name), with Latin
    or Arabic-Indic digits.

    >>> format_date(dt.date(2017, 5, 4), "ar", digits="arabic")
    '٤ أيار/مايو ٢٠١٧'
    """
    _language_index(language)
    if digits not in DIGIT_STYLES:
        raise ValueError(f"digits must be one of {', '.join(DIGIT_STYLES)}, got {digits!r}")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    elif isinstance(date, dt.datetime):  # a pandas Timestamp is one too
        date = date.date()
    elif not isinstance(date, dt.date):
        raise TypeError(f"date must be a datetime.date or an ISO date text, got {type(date).__name__}: {date!r}")
    text = day_month_year(date, language)
    return to_arabic_indic(text) if digits == "arabic" else text


def format_number(value: float, digits: str = "latin", signed: bool = False) -> str:
    """`9,650` or `٩٬٦٥٠` (Arabic-Indic digits take the Arabic thousands separator), rounded to units."""
    text = f"{value:+,.0f}" if signed else f"{value:,.0f}"
    return to_arabic_indic(text.replace(",", "٬")) if digits == "arabic" else text


@dataclass(frozen=True)
class Locale:
    """The reader's language and digits: what every component needs to write a text, a date or a number.

    >>> Locale("ar", "arabic").t("touched.placeholder", count=3)
    'عدد العناصر: ٣'
    """

    language: str = "en"
    digits: str = "latin"

    def __post_init__(self) -> None:
        _language_index(self.language)
        if self.digits not in DIGIT_STYLES:
            raise ValueError(f"digits must be one of {', '.join(DIGIT_STYLES)}, got {self.digits!r}")

    @property
    def is_rtl(self) -> bool:
        return self.language == "ar"

    def t(self, text_key: str, /, **values: object) -> str:
        """`t()` in this language, whole numbers among the values written in this locale's digits."""
        shown = {name: self.number(value) if isinstance(value, int) and not isinstance(value, bool) else value for name, value in values.items()}
        return t(text_key, self.language, **shown)

    def date(self, date: dt.date | str) -> str:
        return format_date(date, self.language, self.digits)

    def number(self, value: float, signed: bool = False) -> str:
        return format_number(value, self.digits, signed)

    def digits_of(self, text: str) -> str:
        """`text` with its digits in this locale's style."""
        return to_arabic_indic(text) if self.digits == "arabic" else text

    def text(self, row: Mapping[str, object], field: str = "name") -> str:
        """A record's `name_en` or `name_ar` (or `title_…`, `summary_…`) in this language."""
        return str(row[f"{field}_{self.language}"])


def vega_label_expr(expression: str, digits: str) -> str:
    """A Vega `labelExpr` that writes `expression`'s text in the chosen digits (Vega formats
    numbers and dates with Latin ones): `timeFormat(datum.value, '%Y')` -> ٢٠١٧."""
    if digits != "arabic":
        return expression
    for latin, arabic in zip("0123456789", "٠١٢٣٤٥٦٧٨٩"):
        expression = f"replace({expression}, /{latin}/g, '{arabic}')"
    return expression


def direction(language: str) -> str:
    """"rtl" for Arabic, "ltr" for English: for a `dir` attribute."""
    return "rtl" if _language_index(language) == LANGUAGES.index("ar") else "ltr"


# The page reads right to left, but some things keep left to right: Leaflet (it positions tiles,
# controls and tooltips assuming ltr; the st_folium iframe is a document of its own anyway), the
# date slider, the Previous/Next buttons under it and the timeline (time runs left to right on the
# track, as in English, so "Previous" stays on the left), and code blocks (file names, ids, English
# messages). Selectors checked against Streamlit 1.67's DOM: the slider's track is a react-aria
# `[role=group]` beside its `stWidgetLabel`, the buttons the `stLayoutWrapper` after it;
# Streamlit's own list style sets margins on the left.
RTL_CSS = """
[data-testid="stAppViewContainer"] { flex-direction: row-reverse; }
[data-testid="stMain"], [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"],
[data-testid="stSidebarContent"] [data-testid="stMarkdownContainer"],
[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"], [data-testid="stHeading"],
[data-testid="stAlertContainer"], [data-testid="stExpander"] summary, .legend,
[data-testid="stTable"], [data-testid="stTable"] th, [data-testid="stTable"] td,
[data-testid="stMarkdownContainer"] table, [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td {
  direction: rtl; text-align: right;
}
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol { padding-left: 0; padding-right: 0; margin-left: 0; }
[data-testid="stMarkdownContainer"] li { text-align: right; margin-left: 0; margin-right: 1.2em; padding-left: 0; padding-right: 0.3em; }
.legend .legend-row > span { margin-right: 0 !important; margin-left: 6px; }
.leaflet-container, iframe[title="streamlit_folium.st_folium"], [data-testid^="stCustomComponent"], [data-testid="stIFrame"] { direction: ltr; }
[data-testid="stSlider"] > [role="group"], [data-testid="stSliderTickBar"],
[data-testid="stSliderTickBar"] [data-testid="stMarkdownContainer"], [data-testid="stVegaLiteChart"] { direction: ltr; }
.stElementContainer:has([data-testid="stSlider"]) + [data-testid="stLayoutWrapper"] > [data-testid="stHorizontalBlock"] { direction: ltr; }
.stElementContainer:has([data-testid="stSlider"]) + [data-testid="stLayoutWrapper"] [data-testid="stColumn"] { direction: rtl; }
[data-testid="stCode"], [data-testid="stCode"] pre { direction: ltr; text-align: left; }
"""


def rtl_css() -> str:
    """A `<style>` element that lays the page out right to left, for
    `st.markdown(rtl_css(), unsafe_allow_html=True)` when the language is Arabic. Fixed text only:
    nothing from the data or the request goes into it."""
    return f"<style>{RTL_CSS}</style>"
