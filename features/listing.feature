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

  Scenario: Filter by source
    Given the seed article is imported
    When I run "claims list --source 1 --format json"
    Then every listed claim comes from source 1
    And more than 5 claims are listed

  Scenario: An entity name is matched whole, whatever its case
    Given the seed article is imported
    When I run "claims list --entity zoox --format json"
    Then every listed claim mentions "Zoox"
    And 1 claims are listed
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
    Then the output says "3 claims"
    And the output says "Waymo is a sister company of Google"

  Scenario: One claim in full
    When I run "claims show [Cruise]"
    Then the output says "Microsoft invested in Cruise"
    And the output says "in review"
    And the output says "History"
