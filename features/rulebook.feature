Feature: Cleaning up: dismissing, merging, withdrawing, correcting and undoing
  Editors set aside sentences that are not claims, merge claims that say the same thing, take back
  evidence added by mistake, correct what the detector got wrong and undo their own slips. Every
  change stays in the history, and the desk's rules hold for all of it.

  Background:
    Given I am editor "ana"

  Scenario: Dismiss a sentence that is not worth checking, and bring it back
    Given a claim "Read more on our website"
    When I run "claims dismiss [website]"
    Then the command fails with "dismissing a claim needs a --note saying why"
    When I run "claims dismiss [website] --note 'Not a claim, a link'"
    Then the output says "is now dismissed"
    And the claim about "website" is dismissed
    When I run "claims queue --format json"
    Then the output does not say "Read more on our website"
    When I run "claims report --format json"
    Then the report counts 1 claim set aside and 0 of 0 checkable claims resolved
    When I run "claims reopen [website] --note 'It names a figure after all'"
    Then the claim about "website" is unverified
    And every claim's history gives its current state

  Scenario: Merge a duplicate into the claim that carries on
    Given a claim "Amazon acquired the startup Zoox"
    And a claim "Amazon bought Zoox, the startup"
    When I run "claims merge [bought] --into [acquired] --note 'Same deal'"
    Then the output says "is merged into claim"
    When I run "claims list --format json"
    Then the listed claims are "Amazon acquired the startup Zoox"
    When I run "claims list --status merged --format json"
    Then the listed claims are "Amazon bought Zoox, the startup"
    When I run "claims show [bought]"
    Then the output says "Merged into"
    When I run "claims merge [acquired] --into [acquired]"
    Then the command fails with "cannot be merged into itself"
    And every claim's history gives its current state

  Scenario: A claim cannot be merged into one that is itself merged
    Given a claim "Amazon acquired the startup Zoox"
    And a claim "Amazon bought Zoox, the startup"
    And a claim "Zoox now belongs to Amazon"
    And I ran "claims merge [bought] --into [acquired]"
    When I run "claims merge [belongs] --into [bought]"
    Then the command fails with "is itself merged"

  Scenario: Several claims at once: all of them change, or none
    Given a claim "Amazon acquired the startup Zoox"
    And a claim "Microsoft invested in Cruise"
    And a claim "Waymo is a sister company of Google" in review
    When I run "claims review [Zoox] [Cruise] [Waymo]"
    Then the command fails with "is already in_review"
    And the claim about "Zoox" is unverified
    And the claim about "Cruise" is unverified
    When I run "claims review [Zoox] [Cruise]"
    Then the command succeeds
    And the output lists one line per claim
    And the claim about "Zoox" is in_review
    And the claim about "Cruise" is in_review
    When I run "claims assign [Zoox] [Cruise] [Waymo] --to bo"
    Then the command succeeds
    And the claim about "Waymo" is assigned to "bo"
    And every claim's history gives its current state

  Scenario: Withdraw evidence added by mistake
    Given a claim "Microsoft invested in Cruise" in review
    And I ran "claims evidence add [Cruise] https://example.org/wrong-company --stance supports"
    And I ran "claims evidence add [Cruise] https://example.org/filing --stance supports"
    When I run "claims evidence withdraw 1"
    Then the command fails with "withdrawing evidence needs a --note saying why"
    When I run "claims evidence withdraw 1 --note 'Another company'"
    Then the command succeeds
    And the claim about "Cruise" has 1 pieces of evidence in force
    When I run "claims evidence list [Cruise]"
    Then the output says "withdrawn"
    When I run "claims evidence list [Cruise] --format csv"
    Then the output says "withdrawn_at"
    When I run "claims confirm [Cruise]"
    Then the command succeeds
    When I run "claims evidence withdraw 2 --note 'Changed my mind'"
    Then the command fails with "on this evidence alone"
    When I run "claims export claims --format json"
    Then the output does not say "wrong-company"
    And every claim's history gives its current state

  Scenario: Correct the claimant and the kind the detector got wrong
    Given I ran "claims add 'Owning all 10 gadgets will set you back 7,455 pounds' --kind prediction"
    When I run "claims edit [gadgets] --claimant 'Stuff Magazine' --kind fact --note 'A present price'"
    Then the command succeeds
    When I run "claims show [gadgets] --format json"
    Then the output says "Stuff Magazine"
    When I run "claims history [gadgets]"
    Then the output says "claimant edited"
    When I run "claims edit [gadgets] --kind rumour"
    Then the command fails with "unknown kind 'rumour'"
    When I run "claims edit [gadgets]"
    Then the command fails with "say what to correct"
    And every claim's history gives its current state

  Scenario: Undo your own slip, but not a colleague's change or a sign-off
    Given a claim "Amazon acquired the startup Zoox"
    And I ran "claims review [Zoox]"
    When I run "claims undo [Zoox]"
    Then the output says "Undid event"
    And the claim about "Zoox" is unverified
    And the claim about "Zoox" has 3 history events
    When I run "claims undo [Zoox]"
    Then the command fails with "already an undo"
    Given editor "bo" ran "claims review [Zoox]"
    When I run "claims undo [Zoox]"
    Then the command fails with "was last changed by bo"
    Given editor "bo" ran "claims confirm [Zoox] --evidence https://example.org/pr"
    When I run "claims undo [Zoox]" as "bo"
    Then the command fails with "a sign-off is not undone"
    And every claim's history gives its current state

  Scenario: One undo takes back one correction, however many things it corrected
    Given I ran "claims add 'Owning all 10 gadgets will set you back 7,455 pounds' --kind prediction --claimant 'Tech Desk'"
    And I ran "claims edit [gadgets] --claimant 'Stuff Magazine' --kind fact --note 'A present price'"
    When I run "claims undo [gadgets]"
    Then the command succeeds
    And the output says "Undid events"
    And the claim about "gadgets" is a prediction again, claimed by "Tech Desk"
    When I run "claims undo [gadgets]"
    Then the command fails with "already an undo"
    And every claim's history gives its current state

  Scenario: Undo a verdict given with its evidence takes the evidence back too
    Given I ran "claims editor add ana"
    And I ran "claims editor add bo --role editor"
    And a claim "Amazon acquired the startup Zoox" in review
    And editor "bo" ran "claims refute [Zoox] --evidence https://example.org/denial"
    When I run "claims undo [Zoox]" as "bo"
    Then the command succeeds
    And the claim about "Zoox" is in_review
    And the claim about "Zoox" has 0 pieces of evidence in force
    And every claim's history gives its current state

  Scenario: Undo an assignment gives the claim back to whoever had it
    Given a claim "Amazon acquired the startup Zoox"
    And I ran "claims assign [Zoox] --to bo"
    And I ran "claims assign [Zoox] --to cy"
    When I run "claims undo [Zoox]"
    Then the claim about "Zoox" is assigned to "bo"
    And every claim's history gives its current state

  Scenario: Correct a source's details, each change kept in its history
    Given a source "Tencent teams up with Geely" from "Tech Desk" published 2021-01-23 at "https://example.org/tencent"
    When I run "claims source edit 1 --published 2021-01-22 --outlet CNBC --note 'Dated the 22nd'"
    Then the output says "Source 1 corrected"
    When I run "claims source show 1"
    Then the output says "Corrections"
    And the output says "2021-01-23"
    When I run "claims source edit 1 --published 22/01/2021"
    Then the command fails with "is not a date"
    When I run "claims source edit 1 --outlet CNBC"
    Then the command fails with "already says that"

  Scenario: An editor who left keeps their work but can do nothing new
    Given I ran "claims editor add ana"
    And I ran "claims editor add bo --role editor"
    And a claim "Amazon acquired the startup Zoox"
    And editor "bo" ran "claims review [Zoox]"
    When I run "claims editor remove bo"
    Then the output says "Removed bo"
    When I run "claims note [Zoox] 'Still here'" as "bo"
    Then the command fails with "bo is not on the desk's editor list"
    When I run "claims history [Zoox] --format json"
    Then the output says "bo"
    When I run "claims editor remove ana"
    Then the command fails with "the desk's only chief"
    When I run "claims editor history"
    Then the output says "removed"

  Scenario: A draft exported and imported stays a draft until someone approves it
    Given I ran "claims editor add ana"
    And I ran "claims editor add bo --role editor"
    And a claim "Amazon acquired the startup Zoox" in review
    And I ran "claims confirm [Zoox] --evidence https://example.org/pr"
    And a file "claims.toml" containing:
      """
      [organisation]
      name = "Example Fact Check"
      url = "https://factcheck.example.org"

      [claimreview]
      review_url = "https://factcheck.example.org/checks/{id}-{slug}"
      best_rating = 5
      worst_rating = 1

      [claimreview.ratings]
      confirmed = { value = 5, name = "True" }
      """
    When I run "claims export claims --format csv --output desk.csv"
    Then the file "desk.csv" says "no"
    When I import "desk.csv" into a database with no editor list as "ana"
    Then in that database the claim about "Zoox" is a draft
    And in that database the ClaimReview export is empty
    When in that database I run "claims approve [Zoox]" as "ana"
    Then the output says "it was imported as a draft"
    And in that database the claim about "Zoox" is published

  Scenario: A verdict, a dismissed or a merged claim changes only by reopening it, with a note
    Given a claim "Amazon acquired the startup Zoox" in review
    And I ran "claims confirm [Zoox] --evidence https://example.org/pr"
    And a claim "Read more on our website"
    And I ran "claims dismiss [website] --note 'A link'"
    When I run "claims review [Zoox]"
    Then the command fails with "reopen it first"
    When I run "claims set-status [website] unverified"
    Then the command fails with "reopen it first"
    And the claim about "Zoox" is confirmed
    And the claim about "website" is dismissed

  Scenario: A claim others were merged into is not merged itself, and an editor demoted to reporter undoes no status change
    Given I ran "claims editor add ana"
    And I ran "claims editor add bo --role editor"
    And a claim "Amazon acquired the startup Zoox"
    And a claim "Amazon bought Zoox, the startup"
    And a claim "Zoox now belongs to Amazon"
    And I ran "claims merge [bought] --into [acquired]"
    When I run "claims merge [acquired] --into [belongs]"
    Then the command fails with "cannot be merged itself"
    Given editor "bo" ran "claims review [belongs]"
    And I ran "claims editor set-role bo reporter"
    When I run "claims undo [belongs]" as "bo"
    Then the command fails with "bo is a reporter: undoing that change needs an editor or a chief"
    And every claim's history gives its current state
