Feature: Articles as editors get them: a web address or a saved page
  An editor adds an article by its address, or as a page saved from the browser. Only the story
  comes in: no menu, cookie notice, picture caption, related stories or footer. The headline,
  author, date and outlet come from the page itself unless the editor gives them, and the source
  keeps the address as the editor typed it.

  Background:
    Given I am editor "ana"
    And a news site on this computer with the story "Gadget prices fall as shoppers hunt bargains"

  Scenario: Adding an article by its web address
    When I add the site's page "/tech/gadgets?ref=home" by its address
    Then the command succeeds
    And the output says "credited to Example News (from the page's metadata)"
    And the output says "The page gives its own address as https://news.example.com/tech/gadgets-123"
    And the source is titled "Gadget prices fall as shoppers hunt bargains", by "Jo Reporter", published 2024-12-02
    And the source keeps the address as I typed it
    And the source's text has the story without "cookies", "Related stories", "sofa" or "All rights reserved"
    And the claim about "£6,930" is attributed to "Stuff Magazine"
    And the claim about "audio-visual" is attributed to "Office for National Statistics"

  Scenario: Adding a page saved from the browser
    Given the site's page "/tech/gadgets" saved as "gadgets.html"
    When I run "claims source add gadgets.html --outlet 'Example News Online'"
    Then the command succeeds
    And the source is titled "Gadget prices fall as shoppers hunt bargains", by "Jo Reporter", published 2024-12-02
    And the source's address is "https://news.example.com/tech/gadgets-123"
    And the source gives "https://news.example.com/tech/gadgets-123" as the page's own address
    And the claim about "Gadgets are now cheaper" is attributed to "Will Dunn"

  Scenario: The source keeps the page's own address beside the one typed, through a backup too
    When I add the site's page "/tech/gadgets?ref=home" by its address
    Then the command succeeds
    And the source keeps the address as I typed it
    And the source gives "https://news.example.com/tech/gadgets-123" as the page's own address
    When I run "claims source show 1"
    Then the output says "https://news.example.com/tech/gadgets-123"
    When I back up the desk and restore it into a new, empty database
    Then the source gives "https://news.example.com/tech/gadgets-123" as the page's own address

  Scenario: A page that gives no address of its own leaves that detail empty
    When I add the site's page "/tech/no-canonical" by its address
    Then the command succeeds
    And the output does not say "The page gives its own address"
    And the source keeps the address as I typed it
    And the source gives no address of its own

  Scenario: A page that gives no date is not dated by its copyright line
    When I add the site's page "/tech/undated" by its address
    Then the command succeeds
    And the source has no publication date

  Scenario: Addresses that give no article say why in one line
    When I add the site's page "/tech/missing" by its address
    Then the command fails with "answered 404 Not Found"
    When I add the site's page "/report.pdf" by its address
    Then the command fails with "is not a web page: the server sent application/pdf"
    When I add the site's page "/huge" by its address
    Then the command fails with "is larger than 5 MB"
    When I add a page from a server that is not running
    Then the command fails with "cannot reach 127.0.0.1"
    When I run "claims source add https:///no-host"
    Then the command fails with "not a web address"
    And no source was added

  Scenario: A saved page over the size limit is refused
    Given a saved page "big.html" of 6 MB
    When I run "claims source add big.html"
    Then the command fails with "is larger than 5 MB"
    And no source was added

  Scenario: A long article saved as text is not held to the web page limit
    Given a text file "long.txt" of 6 MB of news
    When I run "claims source add long.txt --outlet 'BBC News' --no-extract"
    Then the command succeeds
