from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Workflow

pytestmark = pytest.mark.django_db


def test_the_migrations_create_the_editors_and_moderators_groups() -> None:
    assert Group.objects.filter(name="المحررون").exists()
    assert Group.objects.filter(name="المشرفون").exists()


def test_editors_can_write_and_moderators_can_publish() -> None:
    def page_permissions(name: str) -> set[str]:
        return set(
            GroupPagePermission.objects.filter(group__name=name).values_list(
                "permission__codename", flat=True
            )
        )

    assert {"add_page", "change_page"} <= page_permissions("المحررون")
    assert "publish_page" not in page_permissions("المحررون")
    assert {"add_page", "change_page", "publish_page"} <= page_permissions("المشرفون")


def test_the_default_workflow_asks_the_moderators_to_approve() -> None:
    workflow = Workflow.objects.get(active=True)
    groups = {
        group.name
        for task in workflow.tasks.all()
        for group in task.specific.groups.all()
    }
    assert groups == {"المشرفون"}


def test_an_editor_can_reach_the_arabic_admin(client, editor) -> None:
    client.force_login(editor)
    response = client.get("/admin/")

    assert response.status_code == 200
    assert b'lang="ar"' in response.content and b'dir="rtl"' in response.content
