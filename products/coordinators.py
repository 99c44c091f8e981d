"""How a product's coordinators' group is named: by the permissions that make it and by the mails that
reach its members. Apart from `permissions`, which reads the product models, so mails sent from the
product pages' views can name the group."""

COORDINATOR_GROUP_PREFIX = "Tovholdere for "


def coordinator_group_name(product):
    return f"{COORDINATOR_GROUP_PREFIX}{product.title}"
