Feature: Working a claim from first read to verdict
  An editor takes a claim into review, gathers evidence, and gives a verdict that the desk can
  trust: every verdict rests on evidence or an explanation, and every change is kept in the
  claim's history.

  Background:
    Given I am editor "ana"

  Scenario: Review a claim, attach evidence and confirm it
    Given a claim "Amazon acquired the startup Zoox"
    When I run "claims review [Zoox]"
    Then the output says "is now in_review"
    When I run "claims evidence add [Zoox] https://example.org/amazon-zoox --stance supports --quote 'Amazon has signed an agreement to acquire Zoox'"
    Then the command succeeds
    When I run "claims confirm [Zoox] --note 'Amazon press release, June 2020'"
    Then the command succeeds
    And the claim about "Zoox" is confirmed
    And the claim about "Zoox" has 5 history events

  Scenario: Confirm with the evidence given on the spot
    Given a claim "Microsoft invested in Cruise" in review
    When I run "claims confirm [Cruise] --evidence https://example.org/pr --note 'Confirmed by the company release'"
    Then the command succeeds
    And the claim about "Cruise" is confirmed
    And the claim about "Cruise" has 1 pieces of evidence

  Scenario: Refute a claim with the denial as evidence
    Given a claim "Apple is expected to sign with Hyundai" in review
    When I run "claims refute [Hyundai] --evidence https://example.org/denial --note 'Hyundai denied talks'"
    Then the command succeeds
    And the claim about "Hyundai" is refuted

  Scenario: A verdict without evidence is refused and nothing is written
    Given a claim "Microsoft invested in Cruise" in review
    When I run "claims confirm [Cruise] --note 'I am sure'"
    Then the command fails with "needs at least one evidence URL"
    And the claim about "Cruise" is in_review
    And the claim about "Cruise" has 2 history events

  Scenario: A verdict needs a review first
    Given a claim "Microsoft invested in Cruise"
    When I run "claims confirm [Cruise] --evidence https://example.org/pr"
    Then the command fails with "take it into review first"
    And the claim about "Cruise" is unverified
    And the claim about "Cruise" has 0 pieces of evidence

  Scenario: A part-true claim is marked mixed
    Given a claim "Microsoft invested heavily in Cruise" in review
    When I run "claims set-status [Cruise] mixed --evidence https://example.org/figures --note 'Invested, but not heavily'"
    Then the command succeeds
    And the claim about "Cruise" is mixed

  Scenario: Unverifiable needs a note saying why
    Given a claim "Geely aims to develop its technology" in review
    When I run "claims set-status [Geely] unverifiable"
    Then the command fails with "unverifiable needs a --note"
    When I run "claims set-status [Geely] unverifiable --note 'An intention, nothing to check'"
    Then the claim about "Geely" is unverifiable

  Scenario: Reopen a verdict with a note
    Given a claim "Amazon acquired the startup Zoox" in review
    And I ran "claims confirm [Zoox] --evidence https://example.org/pr"
    When I run "claims reopen [Zoox]"
    Then the command fails with "needs a --note"
    When I run "claims reopen [Zoox] --note 'The deal was renegotiated'"
    Then the claim about "Zoox" is in_review
    And the claim about "Zoox" has 6 history events

  Scenario: A verdict is not overwritten by another verdict
    Given a claim "Amazon acquired the startup Zoox" in review
    And I ran "claims confirm [Zoox] --evidence https://example.org/pr"
    When I run "claims refute [Zoox] --evidence https://example.org/other"
    Then the command fails with "reopen it first"
    And the claim about "Zoox" is confirmed
    And the claim about "Zoox" has 1 pieces of evidence

  Scenario: Only a verdict can be reopened
    Given a claim "Amazon acquired the startup Zoox"
    When I run "claims reopen [Zoox] --note 'why not'"
    Then the command fails with "only a verdict, a dismissed or a merged claim can be reopened"

  Scenario: Every change records who made it
    Given a claim "Amazon acquired the startup Zoox"
    When I run "claims review [Zoox]" as "bo"
    And I run "claims history [Zoox] --format json"
    Then the history shows these changes:
      | kind           | from_status | to_status  | editor |
      | created        |             | unverified | ana    |
      | status_changed | unverified  | in_review  | bo     |

  Scenario Outline: Mistakes are refused with one clear line
    Given a claim "Amazon acquired the startup Zoox"
    When I run "<command>"
    Then the command fails with "<message>"

    Examples:
      | command                                             | message                  |
      | claims review 999                                   | no claim with id 999     |
      | claims set-status [Zoox] done                       | unknown status 'done'    |
      | claims set-status [Zoox] unverified                 | already unverified       |
      | claims set-status [Zoox] in_review --stance supports | a --stance goes with an --evidence URL |
      | claims evidence add [Zoox] example.org --stance supports | not a web address   |
      | claims evidence add [Zoox] https://example.org --stance agrees | unknown stance 'agrees' |
