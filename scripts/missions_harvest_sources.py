"""Which harvest sources the mission data may rest on (dev tool, used by the converter).

The brief: keep a fact only where a source for it is an official site or
established press / news agencies / encyclopedias. Everything not listed here is
rejected, and the reason is printed by the converter, so the decision is visible
and can be revisited host by host.
"""

from __future__ import annotations

from urllib.parse import urlparse

OFFICIAL_SUFFIXES = (".gov.by", "mfa.gov.by", "gov.pl", "mfa.gov.lv", "urm.lt", "bmeia.gv.at",
                     "eoiminsk.gov.in", "indembminsk.in", "diplo.de", "esteri.it", "usembassy.gov",
                     "belarus.by",
                     # added for the contacts harvest: host or sending states' foreign ministries
                     # and missions' own sites (missions_contacts_NOTES.md, "source_kind")
                     "mzv.cz", "mzv.sk", "mfa.lt", "gov.uk", "swedenabroad.se", "gov.br", "mofa.go.kr",
                     "mfa.gov.rs", "mfa.gov.tr", "mfa.gov.az", "mfa.gov.hu", "mfa.ee", "ambafrance.org",
                     "kazembassy.by", "msz.gov.pl", "hkat-minsk.by", "finland.lt")
ENCYCLOPEDIA_SUFFIXES = ("wikipedia.org", "wikiwand.com")
# Kiwix serves a dated Wikipedia snapshot; the host is incidental, the path names the dump.
ENCYCLOPEDIA_PATH_MARKERS = ("/wikipedia_ru_all_maxi_",)
AGENCY_SUFFIXES = ("belta.by", "tass.ru", "sputnik.by", "sputniknews.ru", "azertag.az", "inform.kz",
                   "vietnamplus.vn", "interfax.com.ua", "1prime.ru", "unn.ua", "ukranews.com",
                   "trend.az", "news.am", "nsn.fm", "regnum.ru", "eadaily.com", "inforos.com",
                   "agenzianova.com", "afn.by", "afn.today", "primamedia.ru", "armradio.am",
                   "radiohc.cu", "news.by", "ont.by", "ctv.by", "radiobelarus.by")
PRESS_SUFFIXES = (
    "news.mail.ru", "news.rambler.ru", "news.rambler.ua", "omskinform.ru", "reformby.org",
    "reform.news", "belarusfeed.com", "smartpress.by", "euroradio.fm", "euro.radio.fm",
    "euroradio.by", "euroradio.be", "belsat.eu", "belsat.cloud", "sb.by", "cherikovnews.by",
    "magilev.by", "4esnok.by", "belnovosti.by", "charter97.org", "nashaniva.com", "zerkalo.io",
    "mediazona.by", "tvrain.tv", "rferl.org", "theguardian.com", "swissinfo.ch", "nau.ch",
    "orf.at", "ots.at", "vindobona.org", "err.ee", "lrt.lt", "polskieradio.pl", "rmf24.pl",
    "money.pl", "interia.pl", "blic.rs", "pink.rs", "agenda.ge", "civil.ge", "messenger.com.ge",
    "georgiatoday.ge", "today.az", "24.kg", "asiaplustj.info", "news.tj", "newscentralasia.net",
    "centralasia.news", "thediplomat.com", "tribune.com.pk", "thenews.com.pk", "thenational.ae",
    "zawya.com", "cnbcafrica.com", "sggpnews.org.vn", "thesaigontimes.vn", "nhandan.vn",
    "baoquocte.vn", "alarabiya.net", "lastampa.it", "republicworld.com", "lokmattimes.com",
    "pravda.com.ua", "eurointegration.com.ua", "orla.fm", "hromadske.ua", "rbc.ua",
    "slovoidilo.ua", "gazeta.ua", "lenta.ru", "iz.ru", "rg.ru", "ntv.ru", "aif.ru", "kgd.ru",
    "nnovgorod.news", "newsnn.ru", "news1.ru", "souzveche.ru", "belrus.ru", "naviny.by",
    "udf.name", "udf.by", "jauns.lv", "tengrinews.kz", "elnashra.com", "cyplive.com", "delfi.lt",
    "viciebsk.cc", "media-polesye.com", "grodno24.com", "pozirk.online", "rubaltic.ru",
    "pramen-news.by", "varta1.com.ua", "abcmedia.am", "afrinz.ru", "utro.az", "aze.az",
    "beyazgazete.com", "foconacional.com.br", "teleradioamerica.com", "diplo.news",
    "officelife.media", "asianlite.ae", "radiopin.pl", "volkovysk.eu", "eurobelarus.info",
    "news.21.by", "m.21.by", "qatarscoop.com", "ecopress.by", "belmir.by", "civonline.it",
    "italianiallestero.tv", "spring96.org", "auslandsdienst.pl", "blitz.bg", "lithuaniatribune.com",
    "nournews.ir", "almanar.com.lb", "anl.az", "thezimbabwemail.com", "urdupoint.com",
    # added for the contacts harvest: newspapers, broadcasters and news sites it cites
    "dariknews.bg", "ichongqing.info", "ulysmedia.kz", "nasha.la.lv", "radiosvoboda.org",
    "svaboda.org", "zviazda.by", "ng.ru", "hrodna.life", "teraz.sk", "aif.by", "volkovysknews.by",
    "tochka.by", "slavicsac.com", "spbdnevnik.ru", "rossaprimavera.ru",
)
REJECTED = {
    "github.com": "unofficial GitHub dataset (harvest notes: unverified)",
    "ria24.today": "news aggregator", "ru24.pro": "news aggregator", "socialbites.ca": "content farm",
    "survincity.com": "content farm", "usa.one": "aggregator", "mailbd.net": "content farm",
    "welshnet.co.uk": "content farm", "eurnews.net": "content farm",
    "world-today-news.com": "content farm", "pledgetimes.com": "content farm",
    "bbabo.net": "content farm", "imag.one": "aggregator", "by-zerkalo-site.online": "clone site",
    "zerkalo-web.club": "clone site", "mstagmanager.com": "unidentified re-publisher",
    "moyby.com": "aggregator", "belnovosti.com": "unidentified re-publisher", "newsbel.by": "aggregator",
    "blogi.by": "blog", "blogspot.com": "blog", "wordpress.com": "blog", "blogg.no": "blog",
    "wiki.li": "unidentified encyclopedia mirror", "wikimili.com": "unidentified encyclopedia mirror",
    "everything.explained.today": "unidentified encyclopedia mirror",
    "cryer.org.uk": "unidentified encyclopedia mirror", "perceptiopt.com": "unidentified mirror",
    "wafarin.com": "unidentified mirror", "wiki-org.ru": "unidentified mirror",
    "siakadpt.com": "unidentified mirror", "modern-info.com": "content farm",
    "travelchinaguide.com": "travel agency page", "sns.by": "travel agency page",
    "anatal-trans.by": "travel agency page", "study.by": "education agency page",
    "321.by": "travel agency page", "howwwblog.info": "blog", "cloudfront.net": "unidentified host",
    "mfberlin.de": "unidentified city guide", "wufengqin.com": "unidentified mirror of DW",
    "artsakh.news": "unidentified", "slaq.am": "unidentified", "azerbaijan.us": "unidentified",
    "alnour.com.lb": "staging copy of a site", "egitim-ver.com": "content farm",
    "bitlyanews.com": "unidentified", "myseldon.com": "aggregator",
    "dzen.ru": "blog platform", "vk-smi.ru": "aggregator", "levencovka.ru": "unidentified local site",
    "patrol.spb.ru": "unidentified", "veved.ru": "aggregator", "ania-news.info": "aggregator",
    "insiderua.com": "unidentified", "freesmi.by": "unidentified", "okvir.net": "unidentified",
    "balkanvesti.online": "unidentified", "justarrived.by": "unidentified portal",
    "newskitchen.eu": "unidentified", "tv6.live": "unidentified", "dk-embassy-cn.org": "unidentified",
    "voicenikolaev.ru": "unidentified", "data.minsk.by": "unidentified portal",
    "eurasia.expert": "analysis blog", "c97.org": "unidentified mirror of a news site",
    "oewg.org": "friendship society", "moviesonline.ca": "content farm",
    "openpr.de": "press-release portal", "promoteukraine.org": "advocacy NGO",
    "autoparus.by": "motoring portal, not a news organisation",
    "profilpelajar.com": "unidentified encyclopedia mirror", "perceptiofr.com": "machine-translated mirror",
    "sunglassestracker.com": "content farm", "airlinestravel.ro": "travel site",
    "belarusabroad.org": "diaspora organisation site", "daftarkantorkedutaan.web.id": "listing blog",
}


def _host(url: str) -> str:
    return (urlparse(url).hostname or "").lower().rstrip(".").removeprefix("www.")


def _matches(host: str, suffixes: tuple[str, ...]) -> bool:
    return any(host.endswith(s) if s.startswith(".") else host == s or host.endswith("." + s)
               for s in suffixes)


def classify_source(source: str) -> tuple[str, str]:
    """Return (category, reason): category is official/agency/press/encyclopedia or rejected."""
    if not source.startswith(("http://", "https://")):
        return "rejected", "not a URL (unnamed file)"
    host = _host(source)
    if _matches(host, OFFICIAL_SUFFIXES):
        return "official", host
    if _matches(host, ENCYCLOPEDIA_SUFFIXES) or any(m in source for m in ENCYCLOPEDIA_PATH_MARKERS):
        return "encyclopedia", host
    if _matches(host, AGENCY_SUFFIXES):
        return "agency", host
    if _matches(host, PRESS_SUFFIXES):
        return "press", host
    for suffix, reason in REJECTED.items():
        if host == suffix or host.endswith("." + suffix):
            return "rejected", reason
    return "rejected", "not a recognised official site, news organisation or encyclopedia"
