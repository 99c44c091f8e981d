"""The revision compare shows what an editor changed, not what the browser or the tag field reshuffled.

A textarea sends its lines ending in CR LF, while text saved by the publiccode.yml import or the demo
ends them in LF; the tag field sends the tags in the order they were typed or read back. Wagtail's
comparisons take either for a change ("Funktioner" and "Emner" marked changed when nobody touched
them), so these compare multi-line text by its lines and tags as a set, registered through Wagtail's
own registry of comparison classes.
"""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from taggit.managers import TaggableManager
from wagtail.admin.compare import TagsFieldComparison, TextFieldComparison, register_comparison_class


def normalised_text(value):
    """The text with LF line ends and no spaces at the ends of lines or after the last line."""
    if not isinstance(value, str):
        return value
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()


class MultilineTextComparison(TextFieldComparison):
    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a = normalised_text(self.val_a)
        self.val_b = normalised_text(self.val_b)


class UnorderedTagsComparison(TagsFieldComparison):
    """Tags as their sorted names: a revision's tags may be unsaved objects, equal only to
    themselves, and come in any order."""

    def get_items(self):
        items_a, items_b = super().get_items()
        return self.names(items_a), self.names(items_b)

    @staticmethod
    def names(tags):
        return sorted({tag.name for tag in tags}, key=str.casefold)

    def get_item_display(self, name):
        return name


# Rich text (a subclass of TextField) keeps its own registration, which is the more specific.
register_comparison_class(models.TextField, comparison_class=MultilineTextComparison)
register_comparison_class(TaggableManager, comparison_class=UnorderedTagsComparison)
register_comparison_class(ClusterTaggableManager, comparison_class=UnorderedTagsComparison)
