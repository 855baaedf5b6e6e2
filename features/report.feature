Feature: The status report
  The chief editor wants to know, at a glance, how much of the desk's work is done.

  Background:
    Given I am editor "ana"
    And a claim "Amazon acquired the startup Zoox" in review
    And a claim "Microsoft invested in Cruise" in review
    And a claim "Waymo is a sister company of Google"
    And I ran "claims confirm [Zoox] --evidence https://example.org/zoox --note 'Press release'"

  Scenario: Totals by status and the share resolved
    When I run "claims report --format json"
    Then the report counts 1 confirmed, 1 in_review and 1 unverified claims
    And the report says 1 of 3 claims are resolved

  Scenario: A Markdown report for the newsletter
    When I run "claims report --format markdown"
    Then the output says "3 claims, 1 resolved (33%)"
    And the output says "| confirmed | 1 |"
    And the output says "https://example.org/zoox"

  Scenario: A CSV of the counts for the spreadsheet
    When I run "claims report --format csv"
    Then the output says "scope,source_id,title,outlet,published,total,unverified,in_review,confirmed"
    And the output says "all,,,,,3,1,1,1,0,0,0"

  Scenario: The terminal report
    When I run "claims report"
    Then the output says "1 of 3 claims resolved (33%)"
    And the output says "Amazon acquired the startup Zoox"
