Feature: Trading claims with the desk's spreadsheet
  The desk keeps a shared spreadsheet. Editors import it into claims, all of it or nothing, and
  export claims back to it as CSV, JSON or JSON Lines. What claims writes, claims reads back
  unchanged, and no cell it writes can run as a spreadsheet formula.

  Background:
    Given I am editor "ana"
    And a source "Tencent teams up with Geely" from "Tech Desk" published 2021-01-22 at "https://example.org/tencent"

  Scenario: Import the desk's spreadsheet with verdicts, evidence and notes
    Given a file "desk.csv" containing:
      """
      text,source_url,claimant,status,evidence_url,stance,note,editor,signed_off_by
      Amazon acquired the startup Zoox,https://example.org/deals,Reuters,confirmed,https://example.org/amazon-pr,,Amazon press release,bo,cy
      Apple is expected to sign with Hyundai,https://example.org/deals,,refuted,https://example.org/denial https://example.org/statement,refutes context,Hyundai denied talks,bo,
      Geely aims to develop its own chips,,,unverifiable,,,An intention: nothing to check,,
      Microsoft invested in Cruise,,,in_review,,,,dee,
      Baidu builds cars with Geely,,,,,,,,
      """
    When I run "claims import desk.csv"
    Then the command succeeds
    And the output says "Imported 5 claims with 3 pieces of evidence, 1 new source."
    And the claim about "Zoox" is confirmed
    And the claim about "Hyundai" is refuted
    And the claim about "Chips" is unverifiable
    And the claim about "Cruise" is in_review
    And the claim about "Baidu" is unverified
    And the claim about "Hyundai" has 2 pieces of evidence
    And the claim about "Zoox" has 5 history events
    And the claim about "Hyundai" has 6 history events
    And the claim about "Baidu" has 1 history events
    And every claim's history gives its current state

  Scenario: An imported verdict has the history an editor's own verdict would have
    Given a file "desk.csv" containing:
      """
      text,source_id,status,evidence_url,note,editor,verdict_at,signed_off_by
      Amazon acquired the startup Zoox,1,confirmed,https://example.org/amazon-pr,Amazon press release,bo,2024-03-01T09:30:00,cy
      """
    And I ran "claims import desk.csv"
    When I run "claims history [Zoox] --format json"
    Then the claim's history reads:
      | kind           | from_status | to_status  | editor | note                    |
      | created        |             | unverified | bo     | imported from desk.csv  |
      | evidence_added |             |            | bo     |                         |
      | status_changed | unverified  | in_review  | bo     |                         |
      | status_changed | in_review   | confirmed  | bo     | Amazon press release    |
      | approved       | confirmed   | confirmed  | cy     |                         |
    And the claim about "Zoox" was given its verdict at "2024-03-01T09:30:00+00:00" and published by "cy"
    And the claim about "Zoox" comes from source 1 with claimant "Tech Desk"

  Scenario: The report's recent activity goes through an imported file claim by claim
    Given a file "desk.csv" containing:
      """
      text,status,evidence_url,stance,note
      Amazon acquired Zoox,confirmed,https://example.org/zoox https://example.org/filing,supports context,Press release
      Microsoft invested in Cruise,refuted,https://example.org/cruise,,Filing says otherwise
      """
    And I ran "claims import desk.csv"
    When I run "claims report --format json"
    Then the report's recent activity reads, newest first:
      | text                         | kind           | to_status  |
      | Microsoft invested in Cruise | approved       | refuted    |
      | Microsoft invested in Cruise | status_changed | refuted    |
      | Microsoft invested in Cruise | status_changed | in_review  |
      | Microsoft invested in Cruise | evidence_added |            |
      | Microsoft invested in Cruise | created        | unverified |
      | Amazon acquired Zoox         | approved       | confirmed  |
      | Amazon acquired Zoox         | status_changed | confirmed  |
      | Amazon acquired Zoox         | status_changed | in_review  |
      | Amazon acquired Zoox         | evidence_added |            |
      | Amazon acquired Zoox         | evidence_added |            |
      | Amazon acquired Zoox         | created        | unverified |

  Scenario Outline: Import TSV, JSON and JSON Lines files
    Given a file "<file>" holding "<content>"
    When I run "claims import <file>"
    Then the command succeeds
    And the output says "Imported 2 claims"
    And the claim about "Zoox" is confirmed
    And the claim about "Cruise" is unverified

    Examples:
      | file        | content                                                                                                                                                                     |
      | desk.tsv    | text\tstatus\tevidence_url\nAmazon acquired Zoox\tconfirmed\thttps://example.org/pr\nMicrosoft invested in Cruise\t\t                                                 |
      | desk.json   | [{"text": "Amazon acquired Zoox", "status": "confirmed", "evidence_url": "https://example.org/pr"}, {"text": "Microsoft invested in Cruise", "source_id": 1}]            |
      | desk.jsonl  | {"text": "Amazon acquired Zoox", "status": "confirmed", "evidence_url": "https://example.org/pr"}\n{"text": "Microsoft invested in Cruise", "status": null}             |

  Scenario: Import from standard input, naming the format
    When I pipe '{"text": "Amazon acquired Zoox"}' into "claims import - --format jsonl"
    Then the command succeeds
    And the claim about "Zoox" is unverified

  Scenario Outline: One bad row imports nothing, and the error names the row and the field
    Given a file "desk.csv" containing:
      """
      text,status,evidence_url,note,source_published,source_title,verdict_at,kind
      Amazon acquired the startup Zoox,confirmed,https://example.org/pr,,,,,
      <bad row>
      """
    When I run "claims import desk.csv"
    Then the command fails with "<message>"
    And there are no claims

    Examples:
      | bad row                                                  | message                                                  |
      | Microsoft invested in Cruise,finished,,,,,,              | row 2, status: unknown status 'finished'                 |
      | Microsoft invested in Cruise,confirmed,,,,,,             | row 2, status: confirmed needs evidence: give the row an evidence_url |
      | Microsoft invested in Cruise,unverifiable,,,,,,          | row 2, status: unverifiable needs a note saying why: give the row a note |
      | Microsoft invested in Cruise,dismissed,,,,,,             | row 2, status: dismissed needs a note saying why: give the row a note |
      | ,unverified,,,,,,                                        | row 2, text: the claim text is empty                     |
      | Microsoft invested in Cruise,,,,2021-02-30,Deals,,       | row 2, source_published: date '2021-02-30' is not a date |
      | Microsoft invested in Cruise,refuted,https://e.org/x,,,,last week, | row 2, verdict_at: 'last week' is not a date   |
      | Microsoft invested in Cruise,,example.org,,,,,           | row 2, evidence_url: not a web address                   |
      | Microsoft invested in Cruise,,,,,,,rumour                | row 2, kind: unknown kind 'rumour'                       |
      | Microsoft invested in Cruise,refuted,https://e.org/x,,,,2205-01-01, | row 2, verdict_at: '2205-01-01' is in the future |

  Scenario Outline: Rows are numbered alike in every format, blank lines not counted
    Given a file "<file>" holding "<content>"
    When I run "claims import <file>"
    Then the command fails with "<message>"
    And there are no claims

    Examples:
      | file      | content                                                                                         | message                                  |
      | desk.csv  | text,status\nAmazon acquired Zoox,\n\nMicrosoft invested in Cruise,finished                    | row 2, status: unknown status 'finished' |
      | desk.csv  | text,status\nAmazon acquired Zoox,\n\nMicrosoft invested in Cruise,,in_review                  | row 2: 3 cells for 2 columns             |
      | desk.tsv  | text\tstatus\nAmazon acquired Zoox\t\n\nMicrosoft invested in Cruise\tfinished                | row 2, status: unknown status 'finished' |
      | desk.jsonl | {"text": "Amazon acquired Zoox"}\n\n{"text": "Microsoft invested in Cruise", "status": "finished"} | row 2, status: unknown status 'finished' |
      | desk.jsonl | {"text": "Amazon acquired Zoox"}\n\n{"text": "Microsoft invested in Cruise", "status": "finished"  | row 2: not valid JSON                    |

  Scenario: A column claims does not know is refused by name
    Given a file "desk.csv" containing:
      """
      text,status,verdict
      Amazon acquired the startup Zoox,unverified,true
      """
    When I run "claims import desk.csv"
    Then the command fails with "unknown column 'verdict'"
    And there are no claims

  Scenario: A source id that does not exist is refused
    Given a file "desk.csv" containing:
      """
      text,source_id
      Amazon acquired the startup Zoox,7
      """
    When I run "claims import desk.csv"
    Then the command fails with "row 1, source_id: no source with id 7"
    And there are no claims

  Scenario: A long import shows a progress bar at a terminal, and not when piped
    Given a CSV file "big.csv" with 6000 claims
    When I run "claims import big.csv" at a terminal
    Then the command succeeds
    And a progress bar was shown
    And the output says "Imported 6000 claims"
    Given a CSV file "big2.csv" with 6000 claims
    When I run "claims import big2.csv"
    Then the command succeeds
    And no progress bar was shown

  Scenario: Imported claims are found by a search, as any claim is
    Given a CSV file "big.csv" with 6000 claims
    When I run "claims import big.csv"
    Then the command succeeds
    When I run "claims list --search 'number 5999' --format json"
    Then the listed claims are "Claim big.csv number 5999"
    When I run "claims list --search 'number 12' --format json"
    Then the listed claims are "Claim big.csv number 12"

  Scenario Outline: Export, import into an empty database, export again: the same file
    Given a file "desk.csv" containing:
      """
      text,source_url,source_title,source_outlet,source_published,claimant,kind,status,evidence_url,stance,note,editor,signed_off_by
      Amazon acquired the startup Zoox,https://example.org/deals,Deals of the week,Wire,2021-01-20,Reuters,,confirmed,https://example.org/pr,,Amazon press release,bo,cy
      Apple is expected to sign with Hyundai,https://example.org/deals,Deals of the week,Wire,2021-01-20,,prediction,refuted,https://example.org/a https://example.org/b,refutes context,"Denied, twice",bo,
      "=HYPERLINK(""http://evil.example"")",,,,,,quote,unverified,,,,,
      Geely aims to develop its own chips,,Untitled notes,,,,opinion,unverifiable,,,Nothing to check,dee,dee
      """
    And I ran "claims import desk.csv"
    And I ran "claims add 'Microsoft invested in Cruise' --source 1"
    And I ran "claims review [Cruise] --note 'Checking the filing'"
    When I run "claims export claims --format <format> --output first.<format>"
    Then the command succeeds
    When I import "first.<format>" into an empty database and export it to "second.<format>"
    Then "first.<format>" and "second.<format>" are the same, with 5 claims
    And the claims in "second.<format>" are of the kinds fact, prediction, quote, opinion, fact
    And every claim's history gives its current state, in both databases

    Examples:
      | format |
      | csv    |
      | json   |
      | jsonl  |

  Scenario: Exported CSV cannot run formulas in a spreadsheet
    Given a file "desk.json" containing:
      """
      [{"text": "=HYPERLINK(\"http://evil.example\",\"Click\")"}, {"text": "+1 percent"}, {"text": "-2 percent"},
       {"text": "@SUM(A1:A9)"}, {"text": "'=Already quoted"}, {"text": "Plain claim", "claimant": "=cmd|' /C calc'!A0"}]
      """
    And I ran "claims import desk.json"
    When I run "claims export claims --format csv"
    Then the command succeeds
    And no cell of the CSV output starts with a formula character
    And the "text" column of the CSV output holds, one per line:
      """
      '=HYPERLINK("http://evil.example","Click")
      '+1 percent
      '-2 percent
      '@SUM(A1:A9)
      ''=Already quoted
      Plain claim
      """
    And the "claimant" column of the CSV output holds, one per line:
      """
      '=cmd|' /C calc'!A0
      """
    When I import the CSV output into an empty database and export it to "again.json" as json
    Then every claim's history gives its current state, in both databases
    Then the claims in "again.json" read, one per line:
      """
      =HYPERLINK("http://evil.example","Click")
      +1 percent
      -2 percent
      @SUM(A1:A9)
      '=Already quoted
      Plain claim
      """

  Scenario: Alone, with no editor list, an imported verdict is published by whoever gave it
    Given a file "desk.csv" containing:
      """
      text,status,evidence_url,editor,signed_off_by
      Amazon acquired the startup Zoox,confirmed,https://example.org/pr,,
      Apple is expected to sign with Hyundai,refuted,https://example.org/denial,bo,
      Microsoft invested in Cruise,in_review,,,
      """
    When I run "claims import desk.csv"
    Then the command succeeds
    And the claim about "Zoox" is published, signed off by "ana"
    And the claim about "Hyundai" is published, signed off by "bo"
    And the claim about "Cruise" is in_review
    And every claim's history gives its current state

  Scenario Outline: On a desk, an imported verdict needs registered editors and a second one to sign it off
    Given I ran "claims editor add ann"
    And I ran "claims --editor ann editor add bob --role editor"
    And I ran "claims --editor ann editor add cy --role editor"
    And I ran "claims --editor ann editor add rita --role reporter"
    And a file "desk.csv" containing:
      """
      text,status,evidence_url,editor,signed_off_by
      The moon is cheese,<status>,<evidence>,<editor>,<signed off by>
      """
    When I run "claims import desk.csv" as "<importer>"
    Then the command fails with "<message>"
    And there are no claims
    And every claim's history gives its current state

    Examples:
      | importer | status     | evidence               | editor | signed off by | message                                                                             |
      | bob      | refuted    | https://e.example/2    | zed    | nobody        | row 1, editor: zed is not on the desk's editor list                                 |
      | bob      | refuted    | https://e.example/2    | bob    | nobody        | row 1, signed_off_by: nobody is not on the desk's editor list                       |
      | bob      | refuted    | https://e.example/2    |        | bob           | row 1, signed_off_by: bob gave the verdict: a second editor must sign it off        |
      | bob      | refuted    | https://e.example/2    | bob    | rita          | row 1, signed_off_by: rita is a reporter: approving a verdict needs an editor or a chief |
      | ann      | refuted    | https://e.example/2    | rita   | bob           | row 1, editor: rita is a reporter: changing a claim's status needs an editor or a chief |
      | bob      | refuted    | https://e.example/2    | cy     | ann           | row 1: bob is an editor: importing cy's work needs a chief                          |
      | bob      | refuted    | https://e.example/2    | bob    | cy            | row 1: bob is an editor: importing cy's work needs a chief                          |
      | rita     | unverified |                        | bob    |               | row 1: rita is a reporter: importing bob's work needs a chief                       |
      | rita     | in_review  |                        | rita   |               | rita is a reporter: importing claims with a status or verdict needs an editor or a chief |

  Scenario: On a desk, a chief imports colleagues' signed-off verdicts, and an editor imports drafts
    Given I ran "claims editor add ann"
    And I ran "claims --editor ann editor add bob --role editor"
    And I ran "claims --editor ann editor add cy --role editor"
    And a file "published.csv" containing:
      """
      text,status,evidence_url,editor,signed_off_by
      Amazon acquired the startup Zoox,confirmed,https://example.org/pr,bob,cy
      """
    And a file "drafts.csv" containing:
      """
      text,status,evidence_url
      Apple is expected to sign with Hyundai,refuted,https://example.org/denial
      """
    When I run "claims import published.csv" as "ann"
    Then the command succeeds
    And the claim about "Zoox" is published, signed off by "cy"
    When I run "claims import drafts.csv" as "bob"
    Then the command succeeds
    And the claim about "Hyundai" is a draft
    When I run "claims approve [Hyundai]" as "bob"
    Then the command fails with "a second editor must approve it"
    When I run "claims approve [Hyundai]" as "cy"
    Then the command succeeds
    And the claim about "Hyundai" is published, signed off by "cy"
    And every claim's history gives its current state
