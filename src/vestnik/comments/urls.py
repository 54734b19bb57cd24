"""Reader endpoints of comments, under each edition's language prefix."""

from django.urls import path

from vestnik.comments import views

app_name = "comments"
urlpatterns = [
    path("<int:article_id>/write/", views.write, name="write"),
    path("<int:article_id>/token/", views.token, name="token"),
    path("<int:article_id>/page/<int:number>/", views.page, name="page"),
    path("<int:article_id>/", views.post, name="post"),
    path("report/<int:comment_id>/", views.report, name="report"),
]
