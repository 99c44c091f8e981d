"""The daily digest, the same for every kind of follow (products, ideas): one mail per member bundling
what is new on everything they follow with the daily setting."""

from home import mail


def mail_digests(follows, section, template, subject, now, in_follow_language=False):
    """`follows` (ordered by member) are grouped by member; `section(follow)` is what is new since the
    follow's last digest, or None. A member with news gets one mail of `template` with their sections
    (in the language they followed in, where follows keep one). Every follow is then marked as sent up
    to `now`, so running again sends nothing new. Returns the number of mails sent."""
    by_user = {}
    for follow in follows:
        by_user.setdefault(follow.user, []).append(follow)
    sent = 0
    for user, user_follows in by_user.items():
        sections = [found for found in map(section, user_follows) if found]
        if sections:
            mail.send(
                template,
                subject,
                [user.email],
                {"user": user, "sections": sections},
                language=user_follows[0].language if in_follow_language else None,
            )
            sent += 1
        type(user_follows[0]).objects.filter(pk__in=[follow.pk for follow in user_follows]).update(
            digest_sent_until=now
        )
    return sent
