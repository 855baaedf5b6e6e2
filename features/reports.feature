Feature: The status report a chief editor opens
  The report says how much of the desk's work is done, per source, what is still open and
  for how long, which verdicts were given (published, or drafts awaiting sign-off) on what
  evidence, and what happened lately. It prints in the terminal, or as Markdown, HTML, JSON or
  CSV for whoever reads it next.

  Background:
    Given I am editor "ana"
    And a source "Tencent teams up with Geely" from "Tech Desk" published 2021-01-22 at "https://example.org/tencent"
    And a source "Apple car rumours" from "Motor News" published 2021-02-03 at "https://example.org/apple"
    And I ran "claims add 'Tencent teams up with Geely on cars' --source 1"
    And I ran "claims add 'Zoox was bought by Amazon in 2020' --source 1"
    And I ran "claims add 'Apple is expected to sign with Hyundai' --source 2"
    And I ran "claims add '<script>alert(1)</script> is what the CEO typed' --source 2"
    And I ran "claims review [Zoox]"
    And I ran "claims confirm [Zoox] --evidence https://example.org/amazon-zoox --note 'Amazon press release, June 2020'"
    And editor "bo" ran "claims review [Hyundai]"

  Scenario: The Markdown report has totals, sources, open claims, verdicts and activity
    When I run "claims report --format markdown"
    Then the command succeeds
    And the output says "4 claims, 1 resolved (25%)"
    And the output says "| 1 | Tencent teams up with Geely | Tech Desk | 2021-01-22 | 2 | 1 | 0 | 1 | 0 | 0 | 0 |"
    And the output says "| 2 | Apple car rumours | Motor News | 2021-02-03 | 2 | 1 | 1 | 0 | 0 | 0 | 0 |"
    And the output says "## Open claims, oldest first"
    And the output says "| 3 | Apple is expected to sign with Hyundai | in review | 0 |"
    And the output says "| Zoox was bought by Amazon in 2020 | confirmed | ana | ana | Amazon press release, June 2020 | https://example.org/amazon-zoox |"
    And the output says "in review → confirmed"
    And the output says "&lt;script&gt;alert(1)&lt;/script&gt; is what the CEO typed"
    And the output does not say "<script>"

  Scenario: Open claims are listed oldest first with their age
    When I run "claims report --format json"
    Then the report lists open claims 1, 3, 4 in that order, each with an age in days

  Scenario: The terminal report shows every section
    When I run "claims report"
    Then the command succeeds
    And the output says "1 of 4 claims resolved (25%). All claims."
    And the output says "Published verdicts"
    And the output says "Draft verdicts, awaiting sign-off"
    And the output says "Recent activity"
    And the recent activity is timed in UTC, as the history is

  Scenario: Drafts and published verdicts are shown apart
    Given I ran "claims editor add ana"
    And I ran "claims editor add bo --role editor"
    And a file "drafts.csv" containing:
      """
      text,status,evidence_url,note,editor,source_id
      Hyundai denied talks with Apple,refuted,https://example.org/denial,Hyundai statement,bo,2
      """
    And I ran "claims import drafts.csv"
    When I run "claims report --format json"
    Then the report has 1 published verdict and 1 draft
    And the draft is the claim "Hyundai denied talks with Apple" refuted by "bo" on evidence "https://example.org/denial"
    When I run "claims report --format markdown"
    Then the output says "## Draft verdicts, awaiting sign-off"
    And the output says "| Hyundai denied talks with Apple | refuted | bo |  | Hyundai statement | https://example.org/denial |"

  Scenario: On a large desk the report counts every claim and lists a page of each kind of work
    Given 60 claims about the harbour were imported from a spreadsheet
    When I run "claims report --format json --limit 10"
    Then the report counts 64 claims, 63 of them open, and lists the 10 oldest open claims
    And the report counts 64 claims of kind fact, 1 assigned to nobody resolved
    When I run "claims report --format markdown --limit 10"
    Then the output says "10 of 63 open claims shown; claims report --all lists every one."
    When I run "claims report --format html --limit 10 --output report.html"
    Then the file "report.html" says "10 of 63 open claims shown"
    When I run "claims report --format json --all"
    Then the report counts 64 claims, 63 of them open, and lists the 63 oldest open claims

  Scenario: CSV gives one row for the desk and one per source
    When I run "claims report --format csv"
    Then the command succeeds
    And the output says "scope,source_id,title,outlet,published,total,unverified,in_review,confirmed,refuted,mixed,unverifiable"
    And the output says "all,,,,,4,2,1,1,0,0,0"
    And the output says "source,2,Apple car rumours,Motor News,2021-02-03,2,1,1,0,0,0,0"

  Scenario Outline: The report can be narrowed to a source, a status or a period
    When I run "claims report --format json <filters>"
    Then the report counts <total> claims
    And the report covers sources <sources>

    Examples:
      | filters                                  | total | sources |
      | --source 2                               | 2     | 2       |
      | --status in_review --status confirmed    | 2     | 2, 1    |
      | --status unverified --source 1           | 1     | 1       |
      | --since 2000-01-01                       | 4     | 2, 1    |
      | --since 2999-01-01                       | 0     | none    |

  Scenario: The HTML report is one self-contained, escaped file
    When I run "claims report --format html --output report.html"
    Then the command succeeds
    And the output says "Wrote the report to report.html."
    And "report.html" is a self-contained HTML page with a status chart and a chart per source
    And "report.html" shows "<script>alert(1)</script> is what the CEO typed" as text

  Scenario: A browser shows the HTML report with its chart and claims, without console errors
    When I run "claims report --format html --output report.html"
    Then a headless browser renders "report.html" with the status chart, the claims and no console errors

  Scenario: Any format can go to a file
    When I run "claims report --format markdown --output report.md"
    Then the command succeeds
    And the file "report.md" says "4 claims, 1 resolved (25%)"

  Scenario Outline: Mistakes in the report's options are refused with one clear line
    When I run "claims report <options>"
    Then the command fails with "<message>"

    Examples:
      | options                          | message                              |
      | --since yesterday                | --since 'yesterday' is not a date     |
      | --status finished                | unknown status 'finished'             |
      | --format html --output no/r.html | folder no does not exist              |

  Scenario: The counts behind the report and the entities follow every change, and a restore
    Given I ran "claims add 'Geely bought Volvo Cars from Ford in 2010' --source 1"
    And I ran "claims add 'Geely owns Volvo Cars, acquired from Ford' --source 1"
    And I ran "claims merge [owns] --into [in 2010] --note 'Same deal'"
    And I ran "claims review [Tencent]"
    And I ran "claims undo [Tencent]"
    And I ran "claims assign [in 2010] --to bo"
    And I ran "claims edit [Hyundai] --kind prediction --note 'It is about the future'"
    And editor "bo" ran "claims approve [Zoox] --note 'Read the release'"
    When I run "claims report --format json"
    Then the report's counts agree with its sources' counts, 6 claims in all
    And each entity's claims by status are the claims naming it
    And every claim's history gives its current state
    When I run "claims backup desk.jsonl"
    And I move to a new, empty database
    And I run "claims restore desk.jsonl"
    And I run "claims report --format json"
    Then the report's counts agree with its sources' counts, 6 claims in all
    And each entity's claims by status are the claims naming it
    And every claim's history gives its current state
