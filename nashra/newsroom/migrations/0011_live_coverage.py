from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0010_corrections_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='articlepage',
            name='coverage_ended_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='نهاية التغطية المباشرة'),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='coverage_started_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='بدء التغطية المباشرة'),
        ),
        migrations.AddIndex(
            model_name='articlepage',
            index=models.Index(condition=models.Q(('coverage_ended_at__isnull', True), ('coverage_started_at__isnull', False)), fields=['-coverage_started_at'], name='article_live_now'),
        ),
    ]
