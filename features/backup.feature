Feature: Backing up the desk and restoring it
  Everything the desk holds goes into one backup file: sources with their text, claims, evidence,
  every history event, assignments, editors, drafts and sign-offs. Restored into a new, empty
  database it comes back exactly: a backup of the restored desk is the same file, byte for byte,
  and a verdict still waiting for its second editor is still waiting.

  Background:
    Given I am editor "ana"
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
      refuted = { value = 1, name = "False" }
      """
    And the seed article is imported
    And I ran "claims editor add ana"
    And I ran "claims editor add bo --role editor"
    And I ran "claims assign [Zoox] --to bo"
    And editor "bo" ran "claims review [Zoox]"
    And editor "bo" ran "claims evidence add [Zoox] https://example.org/amazon-zoox --stance supports --quote 'Amazon to acquire Zoox'"
    And editor "bo" ran "claims confirm [Zoox] --note 'Amazon press release'"
    And I ran "claims approve [Zoox] --note 'Read the release myself'"
    And editor "bo" ran "claims review [Hyundai]"
    And editor "bo" ran "claims refute [Hyundai] --evidence https://example.org/denial --note 'Hyundai denied talks'"
    And I ran "claims note [General Motors] 'Ask GM whether it still owns Cruise'"
    And I ran "claims edit [Waymo] --text 'Waymo is a sister company of Google, under Alphabet' --note 'Clearer'"

  Scenario: Back up the desk and restore it into a new database, exactly
    When I run "claims backup desk.jsonl"
    Then the command succeeds
    And the output says "Backed up 12 claims and everything else the desk held"
    When I move to a new, empty database
    And I run "claims restore desk.jsonl"
    Then the command succeeds
    And the output says "Restored 12 claims and everything else the desk held"
    And the verdict on "Hyundai" is still a draft, waiting for a second editor
    And the verdict on "Zoox" is published, signed off by "ana"
    And the ClaimReview export holds only the verdict on "Zoox"
    And the claim about "Zoox" is assigned to "bo"
    And the desk's editors are still "ana" as chief and "bo" as editor
    And every claim's history gives its current state
    When I run "claims backup again.jsonl"
    Then "desk.jsonl" and "again.jsonl" are the same, byte for byte
    When I run "claims add 'Baidu builds cars with Geely'"
    Then the command succeeds
    And the output says "Added claim 13"

  Scenario: A backup goes through a pipe
    When I run "claims backup -"
    Then the command succeeds
    When I move to a new, empty database
    And I pipe that backup into "claims restore -"
    Then the command succeeds
    And the output says "Restored 12 claims"
    And the verdict on "Hyundai" is still a draft, waiting for a second editor

  Scenario: Restoring into a database that already holds claims is refused, and changes nothing
    Given I ran "claims backup desk.jsonl"
    And I ran "claims backup before.jsonl"
    When I run "claims restore desk.jsonl"
    Then the command fails with "the database is not empty (it holds editor_events, editors, entities, sources, claims"
    When I run "claims backup after.jsonl"
    Then "before.jsonl" and "after.jsonl" are the same, byte for byte

  Scenario: A backup from another schema revision is refused
    Given I ran "claims backup desk.jsonl"
    And "desk.jsonl" had been written by an older claims, at schema revision 0005
    When I move to a new, empty database
    And I run "claims restore desk.jsonl"
    Then the command fails with "desk.jsonl is a backup of schema revision 0005 and this database is at"
    And the desk holds no claims

  Scenario: A backup cut short restores nothing
    Given I ran "claims backup desk.jsonl"
    And "desk.jsonl" lost its last 5 lines
    When I move to a new, empty database
    And I run "claims restore desk.jsonl"
    Then the command fails with "desk.jsonl is incomplete: its header promises"
    And the desk holds no claims
