"""A migration operation for field changes the database never sees."""

from django.db.migrations.operations.base import Operation


class AlterFieldTexts(Operation):
    """Gives fields new definitions that differ only in what editors read (help text, label), like one
    `AlterField` per field, but re-renders the migration state's changed models once for all of them.

    One `AlterField` per field re-renders the model and every model related to it each time: the help
    texts for every field editors fill were 200 of them and half of the time it took to migrate a new
    database, which every test run and every new machine pays. The database is asked the same as by
    `AlterField`; for texts the schema editor leaves the tables alone.
    """

    reversible = True

    def __init__(self, fields):
        self.fields = fields  # [(model_name, field_name, field), …]

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.fields], {})

    def state_forwards(self, app_label, state):
        # While the state has no rendered models, `alter_field` only records the change; the rendered
        # models (if any) are put aside and re-rendered once at the end.
        rendered = state.__dict__.pop("apps", None)
        for model_name, name, field in self.fields:
            state.alter_field(app_label, model_name.lower(), name, field, preserve_default=True)
        if rendered is not None:
            state.apps = rendered
            state.reload_models(
                {(app_label, model_name.lower()) for model_name, _, _ in self.fields}, delay=False
            )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for model_name, name, _ in self.fields:
            to_model = to_state.apps.get_model(app_label, model_name)
            if self.allow_migrate_model(schema_editor.connection.alias, to_model):
                from_model = from_state.apps.get_model(app_label, model_name)
                schema_editor.alter_field(
                    from_model, from_model._meta.get_field(name), to_model._meta.get_field(name)
                )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Alter the texts of {len(self.fields)} fields"

    @property
    def migration_name_fragment(self):
        return "field_texts"
