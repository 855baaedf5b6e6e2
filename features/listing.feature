Feature: Finding claims
  An editor narrows the list to what needs doing, and scripts read the same list as JSON or CSV.

  Background:
    Given I am editor "ana"
    And a claim "Amazon acquired the startup Zoox"
    And a claim "Microsoft invested in Cruise" in review
    And a claim "Waymo is a sister company of Google"

  Scenario: Filter by one status or several
    When I run "claims list --status in_review --format json"
    Then the listed claims are "Microsoft invested in Cruise"
    When I run "claims list --status unverified --status in_review --format json"
    Then 3 claims are listed

  Scenario: Search the claims' text
    When I run "claims list --search waymo --format json"
    Then the listed claims are "Waymo is a sister company of Google"
    When I run "claims list --search 100% --format json"
    Then 0 claims are listed

  Scenario: A search finds the words in any order and any form, the best match first
    Given a claim "Nestle raised its dividend for the 28th year"
    And a claim "Nestle's dividends were discussed at length by the board, the chairman and several shareholders in Vevey"
    And a claim "Nestle sells more coffee than anyone"
    When I run "claims list --search 'dividends nestle' --format json"
    Then the listed claims are, in this order:
      | claim                                          |
      | Nestle raised its dividend for the 28th year   |
      | Nestle's dividends were discussed at length    |

  Scenario: A search takes quoted phrases and leaves out words with a minus, as search engines do
    Given a claim "Nestle sells more coffee than anyone"
    And a claim "Nestle sells baby food in China"
    When I run "claims list --search '"sister company"' --format json"
    Then the listed claims are "Waymo is a sister company of Google"
    When I run "claims list --search '"company sister"' --format json"
    Then 0 claims are listed
    When I run "claims list --search 'nestle -coffee' --format json"
    Then the listed claims are "Nestle sells baby food in China"
    When I run "claims list --search 'coffee or china' --format json"
    Then 2 claims are listed

  Scenario Outline: Whatever is typed into a search, the answer is a list, never a crash
    When I run "claims list --search '<typed>' --format json"
    Then the command succeeds
    And 0 claims are listed

    Examples:
      | typed                     |
      | "unclosed ( NEAR * OR AND |
      | -waymo                    |
      | ^*:                       |
      | AND                       |

  Scenario: Filter by source
    Given the seed article is imported
    When I run "claims list --source 1 --format json"
    Then every listed claim comes from source 1
    And more than 5 claims are listed

  Scenario: An entity name is matched whole, whatever its case
    Given the seed article is imported
    When I run "claims list --entity zoox --format json"
    Then every listed claim mentions "Zoox"
    And 2 claims are listed
    When I run "claims list --entity % --format json"
    Then 0 claims are listed
    When I run "claims list --entity Zo_x --format json"
    Then 0 claims are listed

  Scenario: Filtering on a source that does not exist is a mistake, not an empty list
    When I run "claims list --source 99"
    Then the command fails with "no source with id 99"
    When I run "claims report --source 99"
    Then the command fails with "no source with id 99"

  Scenario Outline: A mistyped command gets one line, not a page
    When I run "<command>"
    Then the command is refused as a usage mistake mentioning "<message>"

    Examples:
      | command                  | message                     |
      | claims show abc          | Invalid value for 'claim_id' |
      | claims list --format xml | 'xml' is not one of         |
      | claims lsit              | No such command 'lsit'      |

  Scenario: The JSON a script can rely on
    When I run "claims list --format json"
    Then every listed claim has the keys "id, text, status, kind, source_id, claimant, sentence, start, end, score, entities, created_at, updated_at"
    When I run "claims evidence add [Cruise] https://example.org/pr --stance supports --quote 'We invested'"
    And I run "claims show [Cruise] --format json"
    Then the claim's evidence has the keys "id, url, stance, quote, editor, created_at"
    And the claim's history has the keys "id, claim_id, kind, from_status, to_status, editor, note, created_at"

  Scenario: A CSV for the spreadsheet
    When I run "claims list --format csv"
    Then the output is a CSV with 3 rows and the columns "id, text, status, source_id, claimant"

  Scenario: The terminal table
    When I run "claims list"
    Then the output says "3 claims."
    And the output says "Waymo is a sister company of Google"

  Scenario: A long list shows one page, newest first, and says how to see the rest
    Given 60 claims about the harbour were imported from a spreadsheet
    When I run "claims list"
    Then the table shows 50 claims, from "Harbour claim number 60" down to "Harbour claim number 11"
    And the last line says "50 of 63 claims; --page 2 for more, --all for everything."
    When I run "claims list --page 2 --format json"
    Then 13 claims are listed
    And the count line on the error stream says "51-63 of 63 claims."
    When I run "claims list --limit 5 --page 2 --sort oldest --format json"
    Then the listed claims are, in this order:
      | claim                   |
      | Harbour claim number 3  |
      | Harbour claim number 4  |
      | Harbour claim number 5  |
      | Harbour claim number 6  |
      | Harbour claim number 7  |
    When I run "claims list --page 9"
    Then the last line says "No claims on page 9: 63 claims fill 2 pages."

  Scenario Outline: Everything, streamed, in every format a script reads
    Given 60 claims about the harbour were imported from a spreadsheet
    When I run "claims list --all --format <format>"
    Then the output holds 63 claims as <format>
    And the count line on the error stream says "63 claims."

    Examples:
      | format |
      | json   |
      | jsonl  |
      | csv    |

  Scenario: Filters combine
    Given 60 claims about the harbour were imported from a spreadsheet
    When I run "claims list --claimant 'harbour master' --status unverified --kind fact --format json"
    Then 30 claims are listed
    When I run "claims list --claimant 'Harbour Master' --search 'claim number 7' --format json"
    Then the listed claims are "Harbour claim number 7"
    When I run "claims list --since 2000-01-01 --until 2999-12-31 --status in_review --format json"
    Then the listed claims are "Microsoft invested in Cruise"
    When I run "claims list --since 2999-01-01 --format json"
    Then 0 claims are listed
    When I run "claims list --until 2000-01-01 --format json"
    Then 0 claims are listed
    When I run "claims list --since yesterday"
    Then the command fails with "--since 'yesterday' is not a date: use YYYY-MM-DD"

  Scenario: The most check-worthy first
    Given the detector scored "Waymo" 0.9, "Amazon" 0.2 and "Cruise" 0.5
    When I run "claims list --sort score --format json"
    Then the listed claims are, in this order:
      | claim                                |
      | Waymo is a sister company of Google  |
      | Microsoft invested in Cruise         |
      | Amazon acquired the startup Zoox     |

  Scenario: At 80 columns the table fits, cutting long claims rather than breaking words
    Given a claim "The central bank of the federation said on Tuesday that inflation had fallen for the ninth month running, to 2.1 percent"
    When I run "claims list" in a terminal 80 columns wide
    Then no line of the output is wider than 80 columns
    And the output says "The central bank of the"
    And the output says "…"
    When I run "claims list --format json" in a terminal 80 columns wide
    Then the output says "to 2.1 percent"

  Scenario: One claim in full
    When I run "claims show [Cruise]"
    Then the output says "Microsoft invested in Cruise"
    And the output says "in review"
    And the output says "History"
