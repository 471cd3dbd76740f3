"""Every text a reader sees, in English and Arabic, in one table: the page, the panel, the legends,
the tooltips, the PNG's and the HTML page's own texts, and the sentences around what geo/ returns
as structured values (link notices, checked claims).

`CATALOGUE` maps a key to (English, Arabic). The texts are plain text: a caller that puts one into
HTML escapes it there. Placeholders (`{count}`) are the same in both languages and are filled by
components.locale. Over 300 lines because it is one table, not logic.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
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
    "map.failed": ("The map could not be drawn: a file it needs did not load from this server", "تعذّر رسم الخريطة: لم يُحمَّل من هذا الخادم ملف تحتاجه"),
    "map.extent": ("The map shows", "تعرض الخريطة"),
    "map.extent.features": ("what is on the map", "ما على الخريطة"),
    "map.extent.country": ("the whole country", "البلد كله"),
    "explorer.downloads": ("Briefing outputs and data downloads", "مواد الإحاطة وتنزيل البيانات"),
    "explorer.show_table": ("Show the features on the map as a table", "عرض عناصر الخريطة في جدول"),
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
    "slider.marks": (
        "Marks: Astana rounds (blue), agreements (green), events (grey)",
        "العلامات: جولات أستانا (بالأزرق) والاتفاقات (بالأخضر) والأحداث (بالرمادي)",
    ),
    "slider.help": (
        "Drag the handle, or focus it and use the arrow keys (a day), Page Up and Page Down (a month), Home and End (the period's ends).",
        "اسحب المؤشر، أو حدّده واستخدم مفاتيح الأسهم (يومًا)، وPage Up وPage Down (شهرًا)، وHome وEnd (بداية الفترة ونهايتها).",
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
    # components/view_controls.py
    "controls.layers": ("Layers", "الطبقات"),
    "controls.base_map": ("Base map", "الخريطة الأساسية"),
    # Both languages in one label: whoever opens the page finds the switch.
    "controls.language": ("Language · اللغة", "اللغة · Language"),
    "controls.digits": ("Digits", "الأرقام"),
    "controls.more_in_sidebar": ("Layers, digits, base map and your own layer: in the side panel (» at the top of the page).",
                                 "الطبقات والأرقام والخريطة الأساسية وطبقتك الخاصة: في اللوحة الجانبية (الزر » أعلى الصفحة)."),
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
    "town.no_match": (
        "No tracked place or city is called {query}, or anything close: the map does not know that place.",
        "لا يوجد مكان متتبَّع أو مدينة باسم {query} أو باسم قريب منه: الخريطة لا تعرف هذا المكان.",
    ),
    "town.matches": ("Matches", "النتائج"),
    "town.before_facts": (
        "{name} is tracked from 4 May 2017, when the zones were created: pick a later date.",
        "تُتتبَّع {name} ابتداءً من 4 أيار/مايو 2017، تاريخ إنشاء المناطق: اختر تاريخًا لاحقًا.",
    ),
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
    "html.precision": (
        "Precision of the line on this date: tracked places at most {km} km apart across it",
        "دقة الخط في هذا التاريخ: الأماكن المتتبَّعة على جانبيه متباعدة {km} كم على الأكثر",
    ),
    "html.credits": ('Borders: Natural Earth (public domain). Rivers: CIA World DataBank II, from GSHHG (LGPL). Towns: GeoNames (CC BY 4.0). Villages: © OpenStreetMap contributors (ODbL). Zones: this project, from the sources each feature cites.', 'الحدود: Natural Earth (ملكية عامة). الأنهار: CIA World DataBank II، عن GSHHG (LGPL). البلدات: GeoNames (CC BY 4.0). القرى: © مساهمو OpenStreetMap (ODbL). المناطق: هذا المشروع، من المصادر التي يذكرها كل عنصر.'),
    # components/png_text.py: the briefing image's texts.
    "png.posts": ('{count} Turkish observation posts', 'نقاط المراقبة التركية: {count}'),
    "png.nothing": ('No feature of the map in force on this date', 'لا توجد عناصر سارية على الخريطة في هذا التاريخ'),
    "png.sources": ('Sources (all in data/sources): round: {round}; map: {features}', 'المصادر (كلها في data/sources): الجولة: {round}؛ الخريطة: {features}'),
    "png.more": ('{names} and {count} more', '{names} و{count} غيرها'),
    "png.attribution": ('Natural Earth (public domain); rivers GSHHG (LGPL); GeoNames (CC BY 4.0); villages © OpenStreetMap contributors (ODbL); project data: {note}', 'البيانات: Natural Earth (ملكية عامة)؛ الأنهار GSHHG (LGPL)؛ GeoNames (CC BY 4.0)؛ القرى © مساهمو OpenStreetMap (ODbL)؛ بيانات المشروع: {note}'),
    "png.confidence": ('confidence of the {total} features shown: {counts} (method in data/README.md)', 'درجة الثقة بالعناصر المعروضة ({total}): {counts} (الطريقة في data/README.md)'),
    "png.precision": ('line drawn from tracked places at most {km} km apart across it', 'الخط مرسوم من أماكن متتبَّعة متباعدة {km} كم على الأكثر على جانبيه'),
    "png.no_features": ('no feature of the project is in force on this date', 'لا تسري أي من عناصر المشروع في هذا التاريخ'),
    "png.high": ('{count} high', '{count} عالية'),
    "png.medium": ('{count} medium', '{count} متوسطة'),
    "png.low": ('{count} low', '{count} منخفضة'),
    "png.km": ('{length} km', '{length} كم'),
    # geo/view_state.py returns Notice(key, values) for a link it could not read: its sentence is here.
    "link.ignored_round": ("Ignored round={value}: no round or milestone on the slider has that id.", "تم تجاهل round={value}: لا توجد على الشريط الزمني جولة أو محطة بهذا المعرّف."),
    "link.ignored_date": ("Ignored date={value}: expected YYYY-MM-DD between {start} and {end}.", "تم تجاهل date={value}: يُتوقع تاريخ بالصيغة YYYY-MM-DD بين {start} و{end}."),
    "link.ignored_layers": ("Ignored layers {values}: expected any of {allowed}.", "تم تجاهل الطبقات {values}: يُتوقع أيٌّ مما يلي: {allowed}."),
    "link.ignored_value": ("Ignored {key}={value}: expected one of {allowed}.", "تم تجاهل {key}={value}: يُتوقع أحد ما يلي: {allowed}."),

    # The map's kinds (legends, table, PNG, HTML page) and the base layers in the legends.
    "kind.frontline": ("Opposition-held north-west (its edge is the frontline)", "مناطق سيطرة المعارضة في الشمال الغربي (حدودها خط الجبهة)"),
    "kind.deescalation_zone": ("De-escalation zone (May 2017)", "منطقة خفض التصعيد (أيار/مايو 2017)"),
    "kind.demilitarized_zone": ("Demilitarized zone (Sochi, Sept. 2018)", "المنطقة منزوعة السلاح (سوتشي، أيلول/سبتمبر 2018)"),
    "kind.security_corridor": ("M4 security corridor (March 2020)", "الممر الآمن على طريق M4 (آذار/مارس 2020)"),
    "kind.observation_post": ("Turkish observation post", "نقطة مراقبة تركية"),
    "legend.governorate": ("Governorate boundary", "حدود المحافظة"),
    "legend.highway": ("M4 / M5 highway", "الطريق الدولي M4 / M5"),
    "legend.town": ("Town (tracked in the control facts) or city", "بلدة (من جدول السيطرة) أو مدينة"),
    # The map's tooltips.
    "tooltip.name": ("Name", "الاسم"),
    "tooltip.dates": ("Valid", "الفترة"),
    "tooltip.sources_text": ("Sources", "المصادر"),
    "tooltip.confidence": ("Confidence", "درجة الثقة"),
    "tooltip.precision": ("Precision of the line", "دقة الخط"),
    "tooltip.precision_value": ("tracked places at most {km} km apart across it", "الأماكن المتتبَّعة على جانبيه متباعدة {km} كم على الأكثر"),
    "tooltip.not_a_line": ("not a line", "ليس خطًّا"),
    # geo/claims.py: what a news report claims about a round, checked against the sourced record.
    "claim.report_dated": ("A report of {month}", "تقرير صادر في {month}"),
    "claim.report_undated": ("A report ({source})", "تقرير ({source})"),
    "claim.number": ("calls this round {claimed}", "يسمي هذه الجولة {claimed}"),
    "claim.date": ("dates it to {claimed}", "يؤرخها بـ {claimed}"),
    "claim.month": ("places it in {claimed}", "يضعها في {claimed}"),
    "claim.city_en": ("places it in {claimed}", "يضعها في {claimed}"),
    "claim.agrees": ("{report} {claim}, as the sourced record does.", "{report} {claim}، كما في السجل الموثق."),
    "claim.contradicts": ("{report} {claim}; the sourced record says {canonical}.", "{report} {claim}، بينما يذكر السجل الموثق {canonical}."),
    "claim.outcome": ("{report} says {claimed}. {verdict}: {note}", "{report} يذكر: {claimed} {verdict}: {note}"),
    "verdict.agrees": ("Confirmed", "مؤكد"),
    "verdict.contradicts": ("The sources say otherwise", "تقول المصادر خلاف ذلك"),
    "verdict.unverified": ("Not verified", "لم يُتحقق منه"),
    "claim.none": ("none", "لا شيء"),
}

