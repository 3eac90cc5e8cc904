import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kaart', '0002_search_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='areas',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='max_age',
            field=models.FloatField(null=True),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='min_age',
            field=models.FloatField(null=True),
        ),
        migrations.AddField(
            model_name='searchstate',
            name='stamp',
            field=models.UUIDField(default=uuid.uuid4),
        ),
    ]
