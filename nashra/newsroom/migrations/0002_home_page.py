"""Put Nashra's home page at the root of the default site, in place of Wagtail's welcome page."""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("newsroom.HomePage")

    # Wagtail's own first migration made a placeholder page at depth 2; replace it.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="newsroom")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="الرئيسية",
        draft_title="الرئيسية",
        slug="home",
        content_type=content_type,
        path=next_child_path(Page, root),
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale_id=root.locale_id,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "نشرة"},
    )


def next_child_path(Page, root):
    """The next free treebeard path under the root (steps are base-36, four wide)."""
    taken = Page.objects.filter(depth=2).values_list("path", flat=True)
    step = 1 + max((int(path[-4:], 36) for path in taken), default=0)
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    suffix = ""
    for _ in range(4):
        step, rest = divmod(step, 36)
        suffix = digits[rest] + suffix
    return root.path + suffix


def remove_home_page(apps, schema_editor):
    apps.get_model("newsroom.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
