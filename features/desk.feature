Feature: Working as a desk
  Several editors work the same claims at once. Each has a role; claims are assigned and queued;
  a verdict is published only once a second editor signs it off; and when two editors change the
  same claim at once, one wins and the other is told who changed it and when, with nothing lost.

  Background:
    Given I am editor "ana"

  Scenario: The first editor on the desk is its chief, and strangers are refused
    Given a claim "Amazon acquired the startup Zoox"
    When I run "claims editor add ana --role reporter"
    Then the output says "Added ana as chief (the first editor on the desk is its chief)"
    When I run "claims editor add bo --role editor"
    Then the command succeeds
    When I run "claims note [Zoox] 'Looks easy'" as "zed"
    Then the command fails with "zed is not on the desk's editor list"
    And the desk's editors are listed as:
      | name | role   | added_by |
      | ana  | chief  | ana      |
      | bo   | editor | ana      |

  Scenario: A reporter gathers material but gives no verdicts
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Microsoft invested in Cruise"
    When I run "claims evidence add [Cruise] https://example.org/filing --stance supports" as "cy"
    Then the command succeeds
    When I run "claims note [Cruise] 'The filing is from 2021'" as "cy"
    Then the command succeeds
    When I run "claims review [Cruise]" as "cy"
    Then the command fails with "cy is a reporter: changing a claim's status needs an editor or a chief"
    When I run "claims assign [Cruise] --to cy" as "cy"
    Then the command fails with "cy is a reporter: assigning claims needs an editor or a chief"
    And the claim about "Cruise" is unverified

  Scenario: Only a chief manages editors, and the desk always keeps a chief
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    When I run "claims editor add dee --role reporter" as "bo"
    Then the command fails with "bo is an editor: adding editors needs a chief"
    When I run "claims editor set-role ana editor"
    Then the command fails with "ana is the desk's only chief"
    When I run "claims editor set-role bo chief"
    Then the output says "bo is now chief"
    When I run "claims editor set-role ana editor" as "bo"
    Then the output says "ana is now editor"
    And the desk's editors are listed as:
      | name | role     | added_by |
      | ana  | editor   | ana      |
      | bo   | chief    | ana      |
      | cy   | reporter | ana      |

  Scenario: Assign a claim to a colleague and find it by assignee
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Amazon acquired the startup Zoox"
    And a claim "Microsoft invested in Cruise"
    When I run "claims assign [Zoox] --to bo"
    Then the output says "is assigned to bo"
    When I run "claims assign [Cruise] --to zed"
    Then the command fails with "no editor named zed on the desk"
    And the claims assigned to "bo" are about "Zoox"
    When I run "claims unassign [Zoox] --note 'Bo is on leave'"
    Then the command succeeds
    And the claims assigned to "bo" are about nothing
    And the history of the claim about "Zoox" ends with:
      | kind       | editor | assignee | note           |
      | assigned   | ana    | bo       |                |
      | unassigned | ana    | bo       | Bo is on leave |

  Scenario: My queue holds my open claims, oldest first, then unassigned unverified claims by score
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Amazon acquired the startup Zoox"
    And a claim "Microsoft invested in Cruise"
    And a claim "Apple is expected to sign with Hyundai"
    And a claim "Geely aims to develop its technology"
    And a claim "Tencent teams up with Geely on cars" in review
    And the detector scored "Hyundai" 0.9, "Geely aims" 0.4 and "Tencent" 0.95
    And I ran "claims assign [Cruise] --to bo"
    And I ran "claims assign [Zoox] --to bo"
    When I run "claims queue" as "bo"
    Then the output says "Queue for bo: 2 claims assigned to you, 2 unassigned and unverified"
    And the queue of "bo" is:
      | claim      | queue      |
      | Zoox       | assigned   |
      | Cruise     | assigned   |
      | Hyundai    | unassigned |
      | Geely aims | unassigned |

  Scenario: A verdict is a draft until a second editor approves it
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Amazon acquired the startup Zoox" in review
    When I run "claims confirm [Zoox] --evidence https://example.org/pr"
    Then the output says "is now confirmed (draft: a second editor approves it"
    And the verdict on "Zoox" is a draft nobody has signed off
    When I run "claims approve [Zoox]"
    Then the command fails with "its verdict: a second editor must approve it"
    When I run "claims approve [Zoox]" as "cy"
    Then the command fails with "cy is a reporter: approving a verdict needs an editor or a chief"
    When I run "claims approve [Zoox] --note 'Checked the release'" as "bo"
    Then the output says "published: signed off by bo"
    And the verdict on "Zoox" is published, signed off by "bo"
    When I run "claims approve [Zoox]" as "bo"
    Then the command fails with "is already published (confirmed, signed off by bo)"

  Scenario: A second editor sends a draft verdict back to review
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Apple is expected to sign with Hyundai" in review
    And I ran "claims refute [Hyundai] --evidence https://example.org/denial"
    When I run "claims reject [Hyundai]" as "bo"
    Then the command fails with "rejecting a verdict needs a --note saying why"
    When I run "claims reject [Hyundai] --note 'Hyundai withdrew the denial'"
    Then the command fails with "a second editor must reject it"
    When I run "claims reject [Hyundai] --note 'Hyundai withdrew the denial'" as "bo"
    Then the output says "is back in in_review"
    And the claim about "Hyundai" is in_review
    And the history of the claim about "Hyundai" ends with:
      | kind           | editor | from_status | to_status | note                        |
      | status_changed | ana    | in_review   | refuted   |                             |
      | rejected       | bo     | refuted     | in_review | Hyundai withdrew the denial |

  Scenario: An editor working alone publishes a verdict by giving it
    Given a claim "Microsoft invested in Cruise" in review
    When I run "claims confirm [Cruise] --evidence https://example.org/pr"
    Then the output says "is now confirmed."
    And the verdict on "Cruise" is published, signed off by "ana"

  Scenario: Correct a claim's wording and comment on it, keeping everything in the history
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Amazon acquired the startup Zoox"
    When I run "claims edit [Zoox] --text 'Amazon agreed to acquire the startup Zoox' --note 'The deal had not closed'"
    Then the output says "now reads: Amazon agreed to acquire the startup Zoox"
    When I run "claims note [Zoox] 'Asked Amazon for the closing date'" as "bo"
    Then the command succeeds
    And the history of the claim about "Zoox" ends with:
      | kind   | editor | old_text                         | new_text                                  | note                              |
      | edited | ana    | Amazon acquired the startup Zoox | Amazon agreed to acquire the startup Zoox | The deal had not closed           |
      | note   | bo     |                                  |                                           | Asked Amazon for the closing date |

  Scenario: Two editors change the same claim at once: one wins, the other is told who and when
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Amazon acquired the startup Zoox" in review
    And I looked at the claim about "Zoox"
    When I run "claims evidence add [Zoox] https://example.org/bo --stance supports" as "bo"
    Then the command succeeds
    When I run "claims confirm [Zoox] --evidence https://example.org/ana" with the version I saw
    Then the command is refused as a conflict: "claim [Zoox] was changed by bo at HH:MM while you were working; run claims show [Zoox] and try again"
    And the claim about "Zoox" is in_review
    And the claim about "Zoox" has 1 pieces of evidence
    When I look at the claim about "Zoox"
    And I run "claims confirm [Zoox] --note 'Both sources agree'" with the version I saw
    Then the output says "is now confirmed (draft"
    When I run "claims db verify"
    Then the output says "The history of all 1 claims replays to their current state."

  Scenario: The database check names an editor whose role the list's history does not explain
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And someone made bo a chief behind the desk's back
    When I run "claims db verify"
    Then the command fails with "1 editor does not match the editor list's history"
    And the output says "role is chief, history says editor"

  Scenario Outline: Desk mistakes are refused with one clear line
    Given the desk's editors are ana (chief), bo (editor) and cy (reporter)
    And a claim "Amazon acquired the startup Zoox"
    When I run "<command>"
    Then the command fails with "<message>"

    Examples:
      | command                                   | message                                          |
      | claims approve [Zoox]                     | only a draft verdict can be approved or rejected |
      | claims unassign [Zoox]                    | is not assigned to anyone                        |
      | claims note [Zoox] ' '                    | the note is empty                                |
      | claims edit [Zoox] --text ' '             | the claim text is empty                          |
      | claims editor add dee --role boss         | unknown role 'boss'                              |
      | claims editor add bo                      | bo is already on the desk's editor list          |
      | claims note [Zoox] hello --seen-version 9 | it has never been at version 9                   |
