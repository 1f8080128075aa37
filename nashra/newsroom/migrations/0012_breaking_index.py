from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0011_live_coverage'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='articlepage',
            index=models.Index(condition=models.Q(('breaking', True)), fields=['page_ptr'], name='article_breaking'),
        ),
    ]
