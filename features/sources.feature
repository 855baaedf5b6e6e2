Feature: Importing articles
  An editor hands the tool a news article; every checkable statement in it becomes a claim,
  stored with the article it came from and the exact sentence it was read in.

  Background:
    Given I am editor "ana"

  Scenario: The seed article's statements become claims, each its own
    When I import the seed article
    Then the command succeeds
    And the output says "Added source 1"
    And source 1 was published on 2021-01-22
    And there is an unverified claim for each of these statements:
      | statement                           |
      | Tencent teamed up with Geely        |
      | Geely partnered with Baidu          |
      | Geely partnered with Foxxcon        |
      | Alibaba entered the market in 2018  |
      | Amazon acquired Zoox                |
      | Microsoft invested in Cruise        |
      | Apple is expected to sign with Hyundai |
      | Waymo is a sister company of Google |
    And every claim's sentence is found word for word at its offsets in the article
    And no claim contains "date 2021-01-22"
    And the claim about "Tencent has teamed up" is attributed to "CNBC"

  Scenario: A long article shows a page of its new claims and says how to list them all
    Given an article "ships.txt" of 60 statements about ships
    When I run "claims source add ships.txt --title Ships"
    Then the command succeeds
    And the output says "Added source 1 with 60 claims."
    And the output says "50 of the 60 new claims shown; `claims list --source 1 --sort oldest --all` lists every one."
    And there are 60 claims

  Scenario: Importing the same article twice changes nothing
    Given the seed article is imported
    When I import the seed article
    Then the command succeeds
    And the output says "Source 1 already has this text: nothing imported"
    And there is 1 source

  Scenario: Store an article without looking for claims
    When I run "claims source add article.txt --no-extract --title 'Quarterly results'"
    Then the command fails with "no such file: article.txt"
    Given a file "article.txt" containing:
      """
      Acme Corp said on Tuesday that revenue rose 12% to $4.2 billion in the third quarter.
      """
    When I run "claims source add article.txt --no-extract --title 'Quarterly results' --outlet Wire"
    Then the command succeeds
    And there is 1 source
    And there are 0 claims

  Scenario: An article piped in on standard input
    When I import this article from standard input:
      """
      Nvidia agreed to buy Arm from SoftBank for $40 billion, the companies said on Sunday.
      """
    Then the command succeeds
    And there is 1 source

  Scenario: The source list and a source's claims by status
    Given the seed article is imported
    When I run "claims review [Zoox]"
    And I run "claims source list"
    Then the output says "Tencent teams up with Geely"
    When I run "claims source show 1 --format json"
    Then the JSON has "title" equal to "Tencent teams up with Geely"
    And the JSON has "published" equal to "2021-01-22"
    And the JSON's "by_status" has "in_review" equal to 1

  Scenario: A claim the detector missed is added by hand, with its place in the article
    Given the seed article is imported
    When I run "claims add 'Geely owns Volvo outright' --source 1"
    Then the command succeeds
    And the newest claim has no offsets
    When I run "claims add 'Amazon acquired the startup Zoox' --source 1 --claimant 'Tech Desk'"
    Then the newest claim has its sentence at its offsets in the article
    And the newest claim is attributed to "Tech Desk"

  Scenario: The article fills in the source a spreadsheet named, and its claims find their place in it
    Given a file "desk.csv" containing:
      """
      text,source_url,source_title,status,evidence_url,note
      Amazon acquired the startup Zoox,https://example.org/tencent-geely,Tencent teams up with Geely,confirmed,https://example.org/amazon-pr,Amazon press release
      Geely aims to develop its technology through partnerships with giants in the sector,https://example.org/tencent-geely,,,,
      Waymo is a sister company of Google,https://example.org/tencent-geely,,,,
      """
    And I ran "claims import desk.csv"
    When I import the seed article from "https://example.org/tencent-geely" with "--outlet 'Tech Desk'"
    Then the command succeeds
    And the output says "Filled in source 1 (imported from a spreadsheet) with the article's text: 2 claims matched, 1 not found word for word, 10 new claims."
    And there is 1 source
    And there are 13 claims
    And the claim about "Zoox" stands word for word at its offsets in the seed article
    And the claim about "Geely aims to develop" stands word for word at its offsets in the seed article
    And the claim about "Waymo" has no place in the article
    And the claim about "Zoox" is confirmed
    And the claim about "Zoox" has a note in its history saying "found word for word in the article added to source 1"
    And the claim about "Tencent has teamed up" is attributed to "CNBC"
    And the claim about "Cruise is a subsidiary" is attributed to "Tech Desk"
    And every claim's history gives its current state
    When I run "claims source show 1 --format json"
    Then the JSON has "title" equal to "Tencent teams up with Geely"
    And the JSON has "outlet" equal to "Tech Desk"
    And the JSON has "published" equal to "2021-01-22"
    When I import the seed article from "https://example.org/tencent-geely" with "--outlet 'Tech Desk'"
    Then the output says "Source 1 already has this text: nothing imported"
    And there are 13 claims

  Scenario: A claim the spreadsheet words as the article does is not found again as a new one
    Given a file "desk.csv" containing:
      """
      text,source_url
      "The announcement comes just days after Geely partnered with another Chinese giant, Baidu.",https://example.org/tencent-geely
      """
    And I ran "claims import desk.csv"
    When I import the seed article from "https://example.org/tencent-geely" with "--outlet 'Tech Desk'"
    Then the command succeeds
    And the output says "Filled in source 1 (imported from a spreadsheet) with the article's text: 1 claim matched, 11 new claims."
    And there are 12 claims
    And the claim about "Geely is Volvo" is unverified

  Scenario: A spreadsheet's claim with another number than the article's leaves the article's claim standing
    Given a file "desk.csv" containing:
      """
      text,source_url
      Alibaba set out to conquer this market in 2019,https://example.org/tencent-geely
      """
    And I ran "claims import desk.csv"
    When I import the seed article from "https://example.org/tencent-geely" with "--outlet 'Tech Desk'"
    Then the command succeeds
    And the output says "Filled in source 1 (imported from a spreadsheet) with the article's text: 0 claims matched, 1 not found word for word, 12 new claims."
    And the claim about "conquer this market in 2018" is unverified
    And the claim about "conquer this market in 2019" has no place in the article

  Scenario: Two clauses of one sentence that differ in a word are two claims
    Given a file "desk.csv" containing:
      """
      text,source_url
      Unemployment in the north of England fell to 4.5% last year,https://example.org/jobs
      """
    And I ran "claims import desk.csv"
    And a file "jobs.txt" containing:
      """
      Unemployment in the north of England fell to 4.5% last year, and unemployment in the south of England fell to 4.5% last year.
      """
    When I run "claims source add jobs.txt --url https://example.org/jobs"
    Then the command succeeds
    And the output says "1 claim matched, 1 new claim."
    And the claim about "south of England" is unverified

  Scenario Outline: A number written otherwise makes another claim
    Given a file "desk.csv" containing:
      """
      text,source_url
      <held>,https://example.org/figures
      """
    And I ran "claims import desk.csv"
    And a file "figures.txt" containing:
      """
      <article> the statistics office said on Monday.
      """
    When I run "claims source add figures.txt --url https://example.org/figures"
    Then the command succeeds
    And the output says "0 claims matched, 1 not found word for word, 1 new claim."

    Examples:
      | held                                    | article                                   |
      | Net migration was 20000 in 2023         | Net migration was -20000 in 2023,         |
      | Inflation rose by 5% in 2023            | Inflation rose by .5% in 2023,            |
      | Road tolls rose to 5 € a car in 2023    | Road tolls rose to 5 $ a car in 2023,     |

  Scenario: Filling in a source keeps the details it already had, and says which
    Given a file "desk.csv" containing:
      """
      text,source_url,source_title,source_outlet,source_published
      revenue rose 12% to $4.2 billion in the third quarter,https://example.org/acme-q3,Acme results,Wire,2021-10-19
      """
    And I ran "claims import desk.csv"
    And a file "acme.txt" containing:
      """
      date 2021-10-20 Acme Corp said on Tuesday that its revenue
      rose 12% to $4.2 billion in the third quarter.
      """
    When I run "claims source add acme.txt --url https://example.org/acme-q3 --title 'Acme beats forecasts' --author 'Jo Reyes' --no-extract"
    Then the command succeeds
    And the output says "Filled in source 1 (imported from a spreadsheet) with the article's text: 1 claim matched."
    And the output says "Kept the title source 1 already had: Acme results (not Acme beats forecasts)."
    And the output says "Kept the publication date source 1 already had: 2021-10-19 (not 2021-10-20)."
    And there is 1 source
    And there is 1 claim
    And the claim about "revenue rose" stands word for word at its offsets in "acme.txt"
    And every claim's history gives its current state
    When I run "claims source show 1 --format json"
    Then the JSON has "title" equal to "Acme results"
    And the JSON has "outlet" equal to "Wire"
    And the JSON has "published" equal to "2021-10-19"
    And the JSON has "author" equal to "Jo Reyes"

  Scenario: A different article at an address a source already holds is refused
    Given the seed article is imported
    And a file "update.txt" containing:
      """
      Tencent and Geely called off their partnership on Friday, the companies said.
      """
    When I run "claims source add update.txt --url https://example.org/tencent-geely"
    Then the command fails with "source 1 already holds a different article at https://example.org/tencent-geely"
    And there is 1 source
    And there are 12 claims

  Scenario: A claim typed by hand finds its place in an article whose lines are wrapped
    Given a file "acme.txt" containing:
      """
      Acme Corp said on Tuesday that its revenue
      rose 12% to $4.2 billion in the third quarter.
      """
    And I ran "claims source add acme.txt --no-extract --title 'Acme results'"
    When I run "claims add 'its revenue rose 12% to $4.2 billion' --source 1"
    Then the command succeeds
    And the claim about "revenue rose" stands word for word at its offsets in "acme.txt"

  Scenario: A claim imported from a spreadsheet finds its place in an article whose lines are wrapped
    Given a file "acme.txt" containing:
      """
      Acme Corp said on Tuesday that its revenue
      rose 12% to $4.2 billion in the third quarter.
      """
    And I ran "claims source add acme.txt --no-extract --title 'Acme results'"
    And a file "desk.csv" containing:
      """
      text,source_id
      its revenue rose 12% to $4.2 billion,1
      """
    When I run "claims import desk.csv"
    Then the command succeeds
    And the claim about "revenue rose" stands word for word at its offsets in "acme.txt"

  Scenario: Looking at the candidates without storing anything
    Given a file "deal.txt" containing:
      """
      Microsoft has invested $2 billion in Cruise, a subsidiary of General Motors.
      """
    When I run "claims extract deal.txt --format json"
    Then the command succeeds
    And the output says "Cruise"
    And there are 0 claims
    And there are 0 sources

  Scenario Outline: Articles the tool cannot read are refused and nothing is stored
    Given a file "empty.txt" containing:
      """

      """
    And a Latin-1 file "latin1.txt"
    When I run "<command>"
    Then the command fails with "<message>"
    And there are 0 sources

    Examples:
      | command                                                 | message                           |
      | claims source add missing.txt                           | no such file: missing.txt         |
      | claims source add latin1.txt                            | latin1.txt is not UTF-8 text      |
      | claims source add empty.txt                             | the article is empty              |
      | claims source add latin1.txt --published 22/01/2021     | is not a date                     |
      | claims source add empty.txt --url ftp://example.org/x   | not a web address                 |
      | claims extract missing.txt                              | no such file: missing.txt         |
