"""The `junit` format: parses as JUnit XML, one testcase per claim or link, failures with evidence."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from lxml import etree

from claimcheck.model import RunReport
from claimcheck.report import ReportFormatChoice
from claimcheck.report.junit import JUnitFormat
from tests.unit.report.conftest import strip_volatile
from tests.unit.report.factory import (
    make_claim_results,
    make_links_report,
    make_sources,
    make_verify_report,
)

EXPECTED_VERIFY = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="claimcheck verify" tests="3" failures="1" errors="0" skipped="1" time="<t>">
  <testsuite name="stories/harbour.md" tests="3" failures="1" errors="0" skipped="1" time="<t>" timestamp="<t>">
    <testcase name="line 12 note 1: one harbour, two towns" classname="claimcheck.verify.stories_harbour_md" file="stories/harbour.md" line="12" time="<t>">
      <system-out>verdict: verified
quote: one harbour, two towns
sentence: The chair promised “one harbour, two towns”.[1]
source: https://example.org/council/minutes-2024
evidence (main): one harbour, two towns
context: Minutes of the harbour council, 12 March 2024. The chair opened the meeting and said the project would leave the bay with [one harbour, two towns], and a single timetable. The treasurer confirmed a grant of €4.2 million from the regional fund.</system-out>
    </testcase>
    <testcase name="line 18 note 3 → 2: the fund now holds $150 million for the second phase" classname="claimcheck.verify.stories_harbour_md" file="stories/harbour.md" line="18" time="<t>">
      <failure message="mismatch: changed: “$150” → “$105”" type="mismatch">verdict: mismatch
quote: the fund now holds $150 million for the second phase
sentence: The mayor added that “the fund now holds $150 million for the second phase”.[3]
source: https://news.example.com/harbour-reopens
evidence (main): the fund now holds $105 million for the second phase
context: Harbour reopens. After two winters of works, the town council promised the ferry terminal will open in May, and the mayor said [the fund now holds $105 million for the second phase].
diff: the fund now holds [-$150-]{+$105+} million for the second phase</failure>
    </testcase>
    <testcase name="line 26 note 7: our best year" classname="claimcheck.verify.stories_harbour_md" file="stories/harbour.md" line="26" time="<t>">
      <skipped message="no_source: note 7 has no URL" />
    </testcase>
  </testsuite>
</testsuites>
"""

EXPECTED_LINKS = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="claimcheck links" tests="3" failures="1" errors="0" skipped="1" time="<t>">
  <testsuite name="stories/harbour.md" tests="3" failures="1" errors="0" skipped="1" time="<t>" timestamp="<t>">
    <testcase name="https://example.org/council/minutes-2024" classname="claimcheck.links.stories_harbour_md" file="stories/harbour.md" time="<t>" line="12">
      <system-out>status: ok
url: https://example.org/council/minutes-2024
http status: 200
notes: 1</system-out>
    </testcase>
    <testcase name="https://gone.example.net/board/report.pdf" classname="claimcheck.links.stories_harbour_md" file="stories/harbour.md" time="<t>" line="20">
      <failure message="dead: HTTP 404" type="dead">status: dead
url: https://gone.example.net/board/report.pdf
http status: 404
notes: 4
detail: HTTP 404
archived 14 March 2023: https://web.archive.org/web/20230314000000/https://gone.example.net/board/report.pdf</failure>
    </testcase>
    <testcase name="http://intranet.local/wiki/ferry" classname="claimcheck.links.stories_harbour_md" file="stories/harbour.md" time="<t>" line="58">
      <skipped message="excluded: private address (use --allow-private)" />
    </testcase>
  </testsuite>
</testsuites>
"""


def test_verify_snapshot() -> None:
    results = make_claim_results()
    report = make_verify_report(claims=(results[0], results[3], results[7]), sources=())
    assert strip_volatile(JUnitFormat().render(report)) == EXPECTED_VERIFY


def test_links_snapshot() -> None:
    sources = make_sources()
    report = make_links_report(sources=(sources[0], sources[2], sources[7]))
    assert strip_volatile(ReportFormatChoice.JUNIT.to_format().render(report)) == EXPECTED_LINKS


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def test_structure_and_counts(verify_report: RunReport) -> None:
    root = _parse(JUnitFormat().render(verify_report))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["stories/harbour.md"]
    cases = suites[0].findall("testcase")
    assert len(cases) == len(verify_report.claims) == int(root.get("tests", "0"))
    failures = [c for c in cases if c.find("failure") is not None]
    assert sorted(f.find("failure").get("type") for f in failures) == [  # type: ignore[union-attr]
        "mismatch", "not_found", "unreachable",
    ]  # fmt: skip
    assert root.get("failures") == suites[0].get("failures") == "3"
    assert root.get("skipped") == "1"
    assert all(c.get("classname") and c.get("name") for c in cases)
    assert all(float(c.get("time", "x")) >= 0 for c in cases)
    mismatch = next(c for c in failures if c.find("failure").get("type") == "mismatch")  # type: ignore[union-attr]
    text = mismatch.find("failure").text or ""  # type: ignore[union-attr]
    assert "evidence (main): the fund now holds $105 million" in text
    assert mismatch.get("line") == "18" and mismatch.get("file") == "stories/harbour.md"


def test_links_has_one_testcase_per_link(links_report: RunReport) -> None:
    root = _parse(JUnitFormat().render(links_report))
    cases = root.iter("testcase")
    assert [c.get("name") for c in cases] == [s.fetch.url for s in links_report.sources]
    assert root.get("failures") == "2" and root.get("skipped") == "1"


def test_parses_with_lxml_against_the_common_junit_shape(verify_report: RunReport) -> None:
    doc = etree.fromstring(JUnitFormat().render(verify_report).encode("utf-8"))
    # The shape Jenkins, GitLab and the GitHub test-report actions read.
    assert doc.xpath("count(/testsuites/testsuite/testcase)") == 11
    assert doc.xpath("count(/testsuites/testsuite/testcase/failure[@message and @type])") == 3
    assert doc.xpath("count(/testsuites/testsuite/testcase/skipped)") == 1
    for suite in doc.xpath("/testsuites/testsuite"):
        for attr in ("name", "tests", "failures", "errors", "skipped", "time"):
            assert suite.get(attr) is not None


def test_hostile_and_control_characters_stay_well_formed(verify_report: RunReport) -> None:
    result = make_claim_results()[3]
    claim = dataclasses.replace(
        result.claim, quote='</failure><x>&amp; \x00\x1b[31m ]]> "quoted"\n next'
    )
    report = dataclasses.replace(verify_report, claims=(dataclasses.replace(result, claim=claim),))
    root = _parse(JUnitFormat().render(report))
    (case,) = root.iter("testcase")
    failure = case.find("failure")
    assert failure is not None
    assert "</failure><x>&amp; \ufffd\ufffd[31m ]]>" in (failure.text or "")
