Feature: The database behind the desk
  The schema is created and changed only by migrations. A new database is set up by the first command that writes,
  but a shared database is never upgraded behind the desk's back.

  Scenario: A new database is set up by the first command that writes
    Given a new, empty database
    When I run "claims add 'Amazon acquired the startup Zoox'"
    Then the command succeeds
    When I run "claims db current"
    Then the output says "up to date"

  Scenario Outline: A command that only reads never leaves an empty database behind a mistyped path
    When I run "claims --db sqlite:///desk-typo.db <command>"
    Then the command fails with "there is no claims database at desk-typo.db"
    And there is no file "desk-typo.db"

    Examples:
      | command          |
      | list             |
      | show 1           |
      | history 1        |
      | report           |
      | queue            |
      | entities         |
      | source list      |
      | source show 1    |
      | export claims    |
      | db verify        |
      | db current       |

  Scenario: A damaged database file fails the check, whatever its history says
    Given a SQLite file "damaged.db" holding 40 claims, some of its pages overwritten with random bytes
    When I run "claims --db sqlite:///damaged.db db verify"
    Then the command fails with "database"

  Scenario: Counts written around the database's own bookkeeping are named, and counted again
    Given I am editor "ana"
    And the seed article is imported
    And someone added 5 confirmed claims to the report's counts behind the desk's back
    When I run "claims report --format json"
    Then the output says ""confirmed": 5"
    When I run "claims db verify"
    Then the command fails with "the counts the database keeps for reports and entities disagree with its claims"
    And the output says "claims confirmed, fact, nobody, 0: 5 kept, 0 in the rows"
    When I run "claims db recount"
    Then the output says "Counted the claims again for reports and entities."
    When I run "claims report --format json"
    Then the output says ""confirmed": 0"
    And every claim's history gives its current state

  Scenario: Migrating to a revision that does not exist is one line
    When I run "claims db upgrade zzz"
    Then the command fails with "cannot migrate: Can't locate revision identified by 'zzz'"
    When I run "claims db downgrade zzz"
    Then the command fails with "cannot migrate: Can't locate revision identified by 'zzz'"

  Scenario: A database a newer claims migrated is not upgraded, and claims says why
    Given the database says its schema is at revision "0099"
    When I run "claims db upgrade"
    Then the command fails with "which this version of claims does not know: upgrade claims"
    When I run "claims db current"
    Then the output says "upgrade claims"
    And the output does not say "run `claims db upgrade`"

  Scenario: Downgrading below the notes the history holds is refused in a line
    Given a claim "Amazon acquired the startup Zoox"
    And I ran "claims note [Zoox] 'Checked the filing'"
    When I run "claims db downgrade 0003"
    Then the command fails with "cannot downgrade below 0004: the history holds notes"

  Scenario: A database at an older revision is refused until someone upgrades it
    Given a claim "Amazon acquired the startup Zoox"
    And I ran "claims db downgrade -- -1"
    When I run "claims list"
    Then the command fails with "run `claims db upgrade`"
    When I run "claims db upgrade"
    Then the command succeeds
    When I run "claims list"
    Then the output says "Amazon acquired the startup Zoox"

  Scenario: A database written by a newer claims is refused
    Given the database says its schema is at revision "9999"
    When I run "claims list"
    Then the command fails with "does not know: upgrade claims"

  Scenario: A database that belongs to something else is left alone
    Given a new database holding another application's table
    When I run "claims list"
    Then the command fails with "is not a claims database"

  Scenario: A database that cannot be reached
    When I run "claims --db postgresql://nobody@127.0.0.1:9/newsroom list"
    Then the command fails with "cannot open database"
    When I run "claims --db sqlite:///no/such/folder/claims.db list"
    Then the command fails with "folder no/such/folder does not exist"
