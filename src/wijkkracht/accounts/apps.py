from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wijkkracht.accounts"
    label = "accounts"
    verbose_name = "Accounts"
