"""What a product's coordinators may do with its tabs beyond Wagtail's defaults.

Wagtail ties unpublishing a page and reordering a page's children to the right to publish, which
coordinators lack: their edits go through the secretariat's approval. Taking their own tab off the site
and putting their product's tabs in order change no text the secretariat approves, and Wagtail has no
approval step for either, so those who may edit the product (its coordinators' "change" on the product
page) may do them directly; both are recorded in the page's history. Moving a tab to another product
still takes the right to publish there.
"""

from wagtail.models import PagePermissionTester


class ProductPermissionTester(PagePermissionTester):
    def can_reorder_children(self):
        return super().can_reorder_children() or (self.user.is_active and "change" in self.permissions)


class ProductTabPermissionTester(PagePermissionTester):
    def can_unpublish(self):
        if super().can_unpublish():
            return True
        return (
            self.user.is_active and self.page.live and not self.page_locked() and "change" in self.permissions
        )

    def can_move_to(self, destination):
        # Reordering within the product is a move to the same parent.
        if (
            self.page.is_child_of(destination)
            and destination.permissions_for_user(self.user).can_reorder_children()
        ):
            return True
        return super().can_move_to(destination)
