from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("staff/panels/<slug:slug>/meetings/", views.staff_meetings, name="staff_meetings"),
    path("staff/panels/<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("staff/panels/<slug:slug>/attendance/", views.attendance_totals, name="attendance_totals"),
    path("staff/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("staff/meetings/<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("staff/meetings/<int:pk>/papers/send/", views.papers_release, name="papers_release"),
    path("staff/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("staff/meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("staff/meetings/<int:pk>/go-ahead/", views.meeting_reinstate, name="meeting_reinstate"),
    path("staff/meetings/<int:pk>/agenda/", views.meeting_agenda, name="agenda"),
    path("staff/meetings/<int:pk>/agenda/<int:item_pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path("staff/meetings/<int:pk>/papers/", views.meeting_papers, name="papers"),
    path("staff/meetings/<int:pk>/papers/new-version/", views.paper_version_add, name="paper_version_add"),
    path("staff/meetings/<int:pk>/papers/<int:paper_pk>/<slug:version>/", views.staff_paper, name="staff_paper"),
    path("staff/meetings/<int:pk>/arrangements/", views.meeting_arrangements, name="arrangements"),
    path("staff/meetings/<int:pk>/arrangements.csv", views.supplier_export, name="supplier_export"),
    path("staff/meetings/<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("staff/meetings/<int:pk>/interests/", views.item_interest_add, name="item_interest_add"),
    path("staff/arrangements/<int:pk>/", views.arrangement_edit, name="arrangement"),
    path("your-meetings/", views.my_meetings, name="my_meetings"),
    path("your-meetings/<int:pk>/", views.my_meeting, name="my_meeting"),
    path("your-meetings/<int:pk>/papers/<int:paper_pk>/<slug:version>/", views.my_paper, name="my_paper"),
    path("meetings/reply/<str:token>/", views.reply, name="reply"),
]
