Feature: The database behind the desk
  The schema is created and changed only by migrations. A new database is set up on first use,
  but a shared database is never upgraded behind the desk's back.

  Scenario: A new database is set up on first use
    Given a new, empty database
    When I run "claims list"
    Then the command succeeds
    When I run "claims db current"
    Then the output says "up to date"

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
