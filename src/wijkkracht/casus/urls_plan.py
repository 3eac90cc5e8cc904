"""The own network and the plan of a case (included by ``casus.urls``)."""

from django.urls import path

from . import views_plan

urlpatterns = [
    path("<int:pk>/netwerk", views_plan.network, name="network"),
    path("<int:pk>/netwerk/nieuw", views_plan.network_member, name="network_add"),
    path("<int:pk>/netwerk/<int:member_pk>", views_plan.network_member, name="network_edit"),
    path("<int:pk>/netwerk/<int:member_pk>/verwijderen", views_plan.network_member_remove,
         name="network_remove"),
    path("<int:pk>/plan", views_plan.plan, name="plan"),
    path("<int:pk>/plan/bewerken", views_plan.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/doel/nieuw", views_plan.goal, name="goal_add"),
    path("<int:pk>/plan/doel/<int:goal_pk>", views_plan.goal, name="goal_edit"),
    path("<int:pk>/plan/doel/<int:goal_pk>/verwijderen", views_plan.goal_remove,
         name="goal_remove"),
    path("<int:pk>/plan/doel/<int:goal_pk>/actie/nieuw", views_plan.action, name="action_add"),
    path("<int:pk>/plan/actie/<int:action_pk>", views_plan.action, name="action_edit"),
    path("<int:pk>/plan/actie/<int:action_pk>/verwijderen", views_plan.action_remove,
         name="action_remove"),
]
