"""The editors' roles, as the Django groups the site gives permissions to."""

# The secretariat: approves pages, decides on members and applications, moderates ideas. Its users
# are also who hears about what awaits a decision (community.members.emails.secretariat_emails).
SECRETARIAT_GROUP = "Sekretariat"
