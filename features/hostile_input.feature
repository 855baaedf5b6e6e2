Feature: Input that must be refused, and output that cannot be turned against its reader
  A careless file or a hostile colleague must not slip half a spreadsheet, an unreadable article
  or a link that runs code past the desk. What claims cannot take whole it refuses in one line,
  storing nothing; what it shows, it shows as text.

  Scenario: A quote left open refuses the file, naming the line where it opens
    Given a file "desk.csv" containing:
      """
      text,status
      Acme grew 5%,unverified
      "Second claim,unverified
      Third claim,unverified
      """
    When I run "claims import desk.csv"
    Then the command fails with "line 3: a quote opens a cell that is never closed"
    And the desk holds no claims

  Scenario Outline: Text that is not UTF-8 is refused, not stored full of NUL characters
    Given a UTF-16 file "<file>" without a byte-order mark holding "<content>"
    When I run "claims <command> <file>"
    Then the command fails with "NUL characters"
    And the desk holds no claims

    Examples:
      | command    | file        | content                                 |
      | source add | article.txt | Acme grew its revenue by 5% in 2020.    |
      | import     | desk.csv    | text\nAcme grew its revenue by 5%       |

  Scenario Outline: A spreadsheet must say each thing once, in text both databases store
    Given a file "<file>" holding "<content>"
    When I run "claims import <file>"
    Then the command fails with "<message>"
    And the desk holds no claims

    Examples:
      | file       | content                                            | message                                |
      | desk.json  | [{"text": "Acme grew 5%", "text": "Acme fell 5%"}] | an object names 'text' twice           |
      | desk.jsonl | {"text": "Acme grew 5%", "status": "unverified", "status": "confirmed"} | row 1: not valid JSON for claims: an object names 'status' twice |
      | desk.json  | [{"text": "Acme grew\u0000 5%"}]                   | row 1, text: holds the character \x00  |
      | desk.json  | [{"text": "Acme grew 5%", "claimant": "Acme\u001b]0;PWNED\u0007"}] | row 1, claimant: holds the character \x1b |

  Scenario: The same length limits on SQLite as on PostgreSQL, checked before writing
    Given a file "long.csv" with a claimant of 201 characters
    When I run "claims import long.csv"
    Then the command fails with "row 1, claimant: is 201 characters long; the most is 200"
    When I add a claim whose claimant is 201 characters long
    Then the command fails with "the claim's claimant is 201 characters long; the most is 200"
    When I add an article whose title is 501 characters long
    Then the command fails with "the source's title is 501 characters long; the most is 500"
    And the desk holds no claims

  Scenario: A leading date line that is not a date is refused, as --published is
    Given a file "article.txt" holding "date 2021-02-30\nAcme grew its revenue by 5% to $3.2bn in 2020."
    When I run "claims source add article.txt"
    Then the command fails with "the article's first line `date 2021-02-30` is not a date"
    And the desk holds no claims

  Scenario: Evidence at an address with a space in its host is refused
    Given a claim "Acme grew its revenue by 5% in 2020"
    When I run "claims evidence add [Acme] 'https://exa mple.org/filing' --stance supports"
    Then the command fails with "not a web address"

  Scenario: A sentence an article repeats is one claim to check
    Given an article repeating "Acme grew its revenue by 5% to $3.2bn in 2020, the company said." 300 times
    When I run "claims source add article.txt"
    Then the command succeeds
    And the desk holds 1 claim

  Scenario: Terminal escapes in the desk's data are shown, not obeyed
    Given a claim holding a terminal escape that clears the screen and retitles the window
    And a note on it holding a terminal escape that turns the text red
    When I run "claims list"
    Then the output shows the escapes as text and holds no escape character
    When I run "claims show 1"
    Then the output shows the escapes as text and holds no escape character
    When I run "claims history 1"
    Then the output shows the escapes as text and holds no escape character
    When I run "claims report"
    Then the output shows the escapes as text and holds no escape character

  Scenario: The Markdown report shows the desk's text as text, never as markup
    Given a claim with a javascript link and a tracking image: Acme grew 5% [proof](javascript:alert(1)) ![](https://tracker.example/pixel.png)
    And a note on it holding a Windows line break
    When I run "claims report --format markdown"
    Then the command succeeds
    And the output says "Acme grew 5% \[proof\](javascript:alert(1)) !\[\](https://tracker.example/pixel.png)"
    And the output does not say "[proof]("
    And the output does not say "![]("
    And every table row of the output is one line
