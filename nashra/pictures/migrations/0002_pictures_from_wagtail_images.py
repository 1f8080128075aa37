"""Pictures uploaded before the site had its own picture model move into it, ids kept.

Stories and bodies refer to pictures by id, so keeping the ids keeps every reference
right; renditions are not copied, the background job makes the site's own.
"""

from django.core.management.color import no_style
from django.db import migrations


def move(apps, schema_editor):
    Image = apps.get_model("wagtailimages", "Image")
    Picture = apps.get_model("pictures", "Picture")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    copied = [
        Picture(
            id=image.id,
            collection_id=image.collection_id,
            title=image.title,
            file=image.file.name,
            description=image.description,
            width=image.width,
            height=image.height,
            created_at=image.created_at,
            uploaded_by_user_id=image.uploaded_by_user_id,
            focal_point_x=image.focal_point_x,
            focal_point_y=image.focal_point_y,
            focal_point_width=image.focal_point_width,
            focal_point_height=image.focal_point_height,
            file_size=image.file_size,
            file_hash=image.file_hash,
        )
        for image in Image.objects.order_by("id").iterator()
    ]
    if not copied:
        return
    Picture.objects.bulk_create(copied, batch_size=500)
    old_type = ContentType.objects.filter(app_label="wagtailimages", model="image").first()
    new_type, _ = ContentType.objects.get_or_create(app_label="pictures", model="picture")
    if old_type is not None:
        TaggedItem.objects.filter(content_type=old_type).update(content_type=new_type)
    # Explicit ids leave PostgreSQL's sequence behind; the next upload must not collide.
    with schema_editor.connection.cursor() as cursor:
        for statement in schema_editor.connection.ops.sequence_reset_sql(
no_style(), [Picture]
        ):
            cursor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("pictures", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(move, migrations.RunPython.noop),
    ]
