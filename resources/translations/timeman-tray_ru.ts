<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AccountPage</name>
    <message>
        <source>Sign out of {portal}? The webhook secret is deleted from the keyring; you will need the webhook URL to sign in again.</source>
        <translation>Выйти из {portal}? Секрет вебхука будет удалён из хранилища ключей; чтобы войти снова, понадобится URL вебхука.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Выход…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome to timeman-tray&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Добро пожаловать в timeman-tray&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>This webhook is of {given}, but your administrator allows only webhooks of {portal}. Nothing was stored.</source>
        <translation>Этот вебхук относится к {given}, а администратор разрешает только вебхуки портала {portal}. Ничего не сохранено.</translation>
    </message>
    <message>
        <source>Fix the connection settings first.</source>
        <translation>Сначала исправьте настройки подключения.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Проверка подключения…</translation>
    </message>
    <message>
        <source>Signed out; the webhook secret is deleted.</source>
        <translation>Вы вышли; секрет вебхука удалён.</translation>
    </message>
    <message>
        <source>The secret part of the URL is kept in the system keyring; the settings file holds only the portal address and your user id.</source>
        <translation>Секретная часть URL хранится в системном хранилище ключей; в файле настроек — только адрес портала и ваш идентификатор пользователя.</translation>
    </message>
    <message>
        <source>The webhook secret is kept in the system keyring. To use another webhook, sign out first.</source>
        <translation>Секрет вебхука хранится в системном хранилище ключей. Чтобы использовать другой вебхук, сначала выйдите.</translation>
    </message>
    <message>
        <source>Open the connection settings</source>
        <translation>Открыть настройки подключения</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>timeman-tray ran into an unexpected problem ({kind}) and keeps running. Details are in the log in {folder}.</source>
        <translation>В timeman-tray произошла непредвиденная ошибка ({kind}); программа продолжает работу. Подробности — в журнале в папке {folder}.</translation>
    </message>
</context>
<context>
    <name>AwayDialog</name>
    <message>
        <source>screen locked</source>
        <translation>экран заблокирован</translation>
    </message>
    <message>
        <source>computer asleep</source>
        <translation>компьютер спал</translation>
    </message>
    <message>
        <source>no input</source>
        <translation>нет активности</translation>
    </message>
    <message>
        <source>Away from the computer from {time} ({cause}); the day ends when I left.</source>
        <translation>Не за компьютером с {time} ({cause}); рабочий день закончен в момент ухода.</translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation>С возвращением</translation>
    </message>
    <message>
        <source>The workday kept running while you were away. What was that time?</source>
        <translation>Пока вас не было, рабочий день продолжался. Чем считать это время?</translation>
    </message>
    <message>
        <source>The portal cannot start a break in the past: “Pause now” starts the break now, and the time you were away stays counted as work.</source>
        <translation>Портал не умеет начинать перерыв задним числом: «Перерыв сейчас» начинает перерыв с текущего момента, а время вашего отсутствия остаётся рабочим.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>&amp;Keep as work</source>
        <translation>&amp;Считать рабочим временем</translation>
    </message>
    <message>
        <source>&amp;Pause now</source>
        <translation>&amp;Перерыв сейчас</translation>
    </message>
    <message>
        <source>You were away from {left} to {returned} ({duration}, {cause}).</source>
        <translation>Вас не было с {left} до {returned} ({duration}, {cause}).</translation>
    </message>
    <message>
        <source>&amp;Close the day at {time}…</source>
        <translation>&amp;Закрыть день в {time}…</translation>
    </message>
</context>
<context>
    <name>AwayMonitor</name>
    <message>
        <source>Time away is noticed from no input, a locked screen and sleep.</source>
        <translation>Отсутствие определяется по бездействию, блокировке экрана и спящему режиму.</translation>
    </message>
    <message>
        <source>Time away is noticed from no input and sleep.</source>
        <translation>Отсутствие определяется по бездействию и спящему режиму.</translation>
    </message>
    <message>
        <source>This desktop does not tell how long there has been no input: time away is noticed from a locked screen and sleep only.</source>
        <translation>Эта среда не сообщает, как долго не было ввода: отсутствие определяется только по блокировке экрана и спящему режиму.</translation>
    </message>
    <message>
        <source>This desktop tells neither how long there has been no input nor whether the screen is locked: time away is noticed from sleep only.</source>
        <translation>Эта среда не сообщает ни время без ввода, ни блокировку экрана: отсутствие определяется только по спящему режиму.</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>The CA file and the proxy are needed only in some company networks; leave both empty for a Bitrix24 cloud portal.</source>
        <translation>Файл сертификата ЦС и прокси нужны только в некоторых корпоративных сетях; для облачного портала Битрикс24 оставьте оба поля пустыми.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>For a portal whose certificate comes from your company&apos;s own certificate authority: that authority&apos;s certificate as a PEM file.</source>
        <translation>Для портала, сертификат которого выдан собственным центром сертификации (ЦС) вашей компании: сертификат этого ЦС в виде файла PEM.</translation>
    </message>
    <message>
        <source>CA certificate &amp;file:</source>
        <translation>&amp;Файл сертификата ЦС:</translation>
    </message>
    <message>
        <source>http://host:port or https://host:port, without a password; empty to use the system&apos;s proxy variables (HTTPS_PROXY).</source>
        <translation>http://хост:порт или https://хост:порт, без пароля; оставьте пустым, чтобы использовать системные переменные прокси (HTTPS_PROXY).</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>&amp;Прокси:</translation>
    </message>
    <message>
        <source>Reason for a click &amp;sent later:</source>
        <translation>Причина для отправленного &amp;позже нажатия:</translation>
    </message>
    <message>
        <source>Sent with a start or close you clicked while the portal was unreachable. {clicked} and {sent} stand for the two times; empty: the text shown.</source>
        <translation>Отправляется с началом или завершением дня, нажатым, когда портал был недоступен. {clicked} и {sent} заменяются двумя временами; пусто: показанный текст.</translation>
    </message>
    <message>
        <source>Write the reason on one line, without a webhook address.</source>
        <translation>Напишите причину одной строкой, без адреса вебхука.</translation>
    </message>
    <message>
        <source>{problem} Your administrator sets this file; the other settings still save.</source>
        <translation>{problem} Этот файл задаёт администратор; остальные настройки сохраняются.</translation>
    </message>
    <message>
        <source>Choose the CA certificate</source>
        <translation>Выберите сертификат ЦС</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Сертификаты (*.pem *.crt *.cer);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>DayController</name>
    <message>
        <source>Could not start the workday</source>
        <translation>Не удалось начать рабочий день</translation>
    </message>
    <message>
        <source>Could not resume the workday</source>
        <translation>Не удалось продолжить рабочий день</translation>
    </message>
    <message>
        <source>Could not pause the workday</source>
        <translation>Не удалось начать перерыв</translation>
    </message>
    <message>
        <source>Could not close the workday</source>
        <translation>Не удалось завершить рабочий день</translation>
    </message>
    <message>
        <source>Could not close the forgotten workday</source>
        <translation>Не удалось закрыть забытый рабочий день</translation>
    </message>
    <message>
        <source>The portal did nothing: the day is still OPENED.</source>
        <translation>Портал ничего не изменил: рабочий день по-прежнему идёт.</translation>
    </message>
    <message>
        <source>The portal did nothing: the day is still PAUSED.</source>
        <translation>Портал ничего не изменил: по-прежнему идёт перерыв.</translation>
    </message>
    <message>
        <source>The portal did nothing: the day is still CLOSED.</source>
        <translation>Портал ничего не изменил: рабочий день по-прежнему завершён.</translation>
    </message>
    <message>
        <source>The portal did nothing: the day is still EXPIRED.</source>
        <translation>Портал ничего не изменил: рабочий день по-прежнему не закрыт.</translation>
    </message>
    <message>
        <source>Workday changed elsewhere</source>
        <translation>Рабочий день изменён в другом месте</translation>
    </message>
    <message>
        <source>The workday was closed elsewhere (web, phone or auto-close).</source>
        <translation>Рабочий день завершён в другом месте (в браузере, в телефоне или автоматически).</translation>
    </message>
    <message>
        <source>The workday was paused elsewhere (web or phone).</source>
        <translation>Перерыв начат в другом месте (в браузере или в телефоне).</translation>
    </message>
    <message>
        <source>The workday was resumed elsewhere (web or phone).</source>
        <translation>Рабочий день продолжен в другом месте (в браузере или в телефоне).</translation>
    </message>
    <message>
        <source>A workday was started elsewhere (web or phone).</source>
        <translation>Рабочий день начат в другом месте (в браузере или в телефоне).</translation>
    </message>
    <message>
        <source>Workday left open</source>
        <translation>Рабочий день не закрыт</translation>
    </message>
    <message>
        <source>Portal unreachable</source>
        <translation>Портал недоступен</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>Связь восстановлена</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Выполнен выход</translation>
    </message>
    <message>
        <source>Its answer was lost, and the day read since is still {state}: it did not take effect. Nothing was sent twice.</source>
        <translation>Ответ портала потерян, а день, прочитанный после этого, всё ещё {state}: действие не сработало. Ничего не отправлено дважды.</translation>
    </message>
    <message>
        <source>{message} Sign in again.</source>
        <translation>{message} Войдите снова.</translation>
    </message>
    <message>
        <source>The portal answers again; the day shown is current.</source>
        <translation>Портал снова отвечает; показаны актуальные данные.</translation>
    </message>
    <message>
        <source>The workday started {start} was never closed. Close it with its real end time before starting a new one.</source>
        <translation>Рабочий день, начатый {start}, так и не был закрыт. Закройте его с фактическим временем окончания, прежде чем начинать новый.</translation>
    </message>
    <message>
        <source>The workday was never closed. Close it with its real end time before starting a new one.</source>
        <translation>Рабочий день так и не был закрыт. Закройте его с фактическим временем окончания, прежде чем начинать новый.</translation>
    </message>
    <message>
        <source>The portal has not answered for {minutes} min; the day shown may be out of date. Retrying in the background.</source>
        <translation>Портал не отвечает уже {minutes} мин; показанные данные могут быть устаревшими. Попытки продолжаются в фоне.</translation>
    </message>
</context>
<context>
    <name>DayTable</name>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Конец</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>Перерывы</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>Отработано</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Подтверждён</translation>
    </message>
    <message>
        <source>not closed</source>
        <translation>не закрыт</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no, awaits confirmation</source>
        <translation>нет, ожидает подтверждения</translation>
    </message>
    <message>
        <source>From the portal</source>
        <translation>С портала</translation>
    </message>
    <message>
        <source>From this computer&apos;s journal</source>
        <translation>Из журнала этого компьютера</translation>
    </message>
    <message>
        <source>From the portal and this computer&apos;s journal</source>
        <translation>С портала и из журнала этого компьютера</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>timeman-tray ran into an internal error ({kind}); see the log.</source>
        <translation>В timeman-tray произошла внутренняя ошибка ({kind}); подробности в журнале.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Portal</source>
        <translation>Портал</translation>
    </message>
    <message>
        <source>Tray icon</source>
        <translation>Значок в трее</translation>
    </message>
    <message>
        <source>Start and language</source>
        <translation>Запуск и язык</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>How often the workday is read: {low} to {high} seconds.</source>
        <translation>Как часто запрашивать рабочий день: от {low} до {high} секунд.</translation>
    </message>
    <message>
        <source>Check the portal &amp;every:</source>
        <translation>&amp;Опрашивать портал каждые:</translation>
    </message>
    <message>
        <source>Show &amp;notifications</source>
        <translation>Показывать &amp;уведомления</translation>
    </message>
    <message>
        <source>Show the worked time on the t&amp;ray icon</source>
        <translation>Показывать отработанное время на &amp;значке в трее</translation>
    </message>
    <message>
        <source>Start time&amp;man-tray when I log in</source>
        <translation>Запускать time&amp;man-tray при входе в систему</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Takes effect when timeman-tray restarts.</source>
        <translation>Вступит в силу после перезапуска timeman-tray.</translation>
    </message>
    <message>
        <source>Enter a number of seconds from {low} to {high}.</source>
        <translation>Введите число секунд от {low} до {high}.</translation>
    </message>
</context>
<context>
    <name>Headline</name>
    <message>
        <source>Working</source>
        <translation>Работаю</translation>
    </message>
    <message>
        <source>On a break</source>
        <translation>Перерыв</translation>
    </message>
    <message>
        <source>Day closed</source>
        <translation>День завершён</translation>
    </message>
    <message>
        <source>Day left open</source>
        <translation>День не закрыт</translation>
    </message>
    <message>
        <source>No workday yet</source>
        <translation>Рабочий день не начат</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Вход не выполнен</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>No workday today</source>
        <translation>Сегодня нет рабочего дня</translation>
    </message>
    <message>
        <source>ddd dd MMM</source>
        <comment>QLocale date format: the date of a workday</comment>
        <translation>ddd, d MMMM</translation>
    </message>
    <message>
        <source>last day {date}</source>
        <translation>последний день {date}</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <source>as of {time}</source>
        <translation>данные на {time}</translation>
    </message>
    <message>
        <source>Time tracking is off for you on this portal</source>
        <translation>Учёт рабочего времени для вас на этом портале отключён</translation>
    </message>
    <message>
        <source>started {start}</source>
        <translation>начат {start}</translation>
    </message>
    <message>
        <source>suggested end {end}</source>
        <translation>предлагаемое окончание {end}</translation>
    </message>
    <message>
        <source>breaks {breaks}</source>
        <translation>перерывы {breaks}</translation>
    </message>
    <message>
        <source>since {start}</source>
        <translation>с {start}</translation>
    </message>
    <message>
        <source>+{overtime} overtime</source>
        <translation>+{overtime} сверхурочно</translation>
    </message>
    <message>
        <source>until {end}</source>
        <translation>до {end}</translation>
    </message>
    <message>
        <source>This week: {done}</source>
        <translation>За неделю: {done}</translation>
    </message>
    <message>
        <source>This week: {done} of {planned}</source>
        <translation>За неделю: {done} из {planned}</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <source>Worked hours per day</source>
        <translation>Отработанные часы по дням</translation>
    </message>
    <message numerus="yes">
        <source>%n days: worked {worked} of {planned} planned</source>
        <translation>
            <numerusform>%n день: отработано {worked} из {planned} по плану</numerusform>
            <numerusform>%n дня: отработано {worked} из {planned} по плану</numerusform>
            <numerusform>%n дней: отработано {worked} из {planned} по плану</numerusform>
        </translation>
    </message>
    <message>
        <source>Worked {worked} of {planned} planned</source>
        <translation>Отработано {worked} из {planned} по плану</translation>
    </message>
    <message>
        <source>Worked {worked}</source>
        <translation>Отработано {worked}</translation>
    </message>
    <message>
        <source>The day is not closed yet</source>
        <translation>День ещё не закрыт</translation>
    </message>
    <message>
        <source>Awaits the supervisor&apos;s confirmation</source>
        <translation>Ожидает подтверждения руководителя</translation>
    </message>
    <message>
        <source>No days to show</source>
        <translation>Нет дней для показа</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} ч</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>Отработано</translation>
    </message>
    <message>
        <source>Over the plan</source>
        <translation>Сверх плана</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>Не закрыт</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Не подтверждён</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Work history</source>
        <translation>История рабочего времени</translation>
    </message>
    <message numerus="yes">
        <source>Last %n weeks</source>
        <translation>
            <numerusform>Последняя %n неделя</numerusform>
            <numerusform>Последние %n недели</numerusform>
            <numerusform>Последние %n недель</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Shown from this computer&apos;s journal.</source>
        <translation>Показано по журналу этого компьютера.</translation>
    </message>
    <message>
        <source>Asking the portal for its records…</source>
        <translation>Запрашиваем записи на портале…</translation>
    </message>
    <message>
        <source>The portal does not let this account read its records; shown from this computer&apos;s journal.</source>
        <translation>Портал не даёт этой учётной записи читать её записи; показано по журналу этого компьютера.</translation>
    </message>
    <message>
        <source>This portal does not offer the history of workdays; shown from this computer&apos;s journal.</source>
        <translation>Этот портал не предоставляет историю рабочих дней; показано по журналу этого компьютера.</translation>
    </message>
    <message>
        <source>The portal could not be asked ({problem}); shown from this computer&apos;s journal.</source>
        <translation>Не удалось обратиться к порталу ({problem}); показано по журналу этого компьютера.</translation>
    </message>
    <message>
        <source>Shown from the portal and this computer&apos;s journal.</source>
        <translation>Показано по данным портала и журналу этого компьютера.</translation>
    </message>
    <message>
        <source>The portal has more records than were read; older days may be missing.</source>
        <translation>На портале больше записей, чем было прочитано; более ранних дней может не хватать.</translation>
    </message>
    <message>
        <source>The journal cannot be used: {problem}</source>
        <translation>Журнал недоступен: {problem}</translation>
    </message>
    <message>
        <source>Worked {worked} of {planned} planned</source>
        <translation>Отработано {worked} из {planned} по плану</translation>
    </message>
    <message numerus="yes">
        <source>%n not confirmed</source>
        <translation>
            <numerusform>%n день не подтверждён</numerusform>
            <numerusform>%n дня не подтверждены</numerusform>
            <numerusform>%n дней не подтверждено</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>Экспорт истории</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written: {problem}</source>
        <translation>Не удалось записать файл: {problem}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Сохранено в {path}</translation>
    </message>
</context>
<context>
    <name>HolidayChoice</name>
    <message>
        <source>Automatic: the schedule&apos;s calendar, in Russia the Russian one</source>
        <translation>Автоматически: календарь графика, в России — российский</translation>
    </message>
    <message>
        <source>The Russian production calendar</source>
        <translation>Производственный календарь России</translation>
    </message>
    <message>
        <source>No holidays</source>
        <translation>Без праздников</translation>
    </message>
    <message>
        <source>This schedule ignores holidays: its working days are working days on public holidays too.</source>
        <translation>Этот график не учитывает праздники: его рабочие дни остаются рабочими и в праздники.</translation>
    </message>
    <message>
        <source>The schedule names the calendar {name}.</source>
        <translation>В графике указан календарь {name}.</translation>
    </message>
</context>
<context>
    <name>HoursEditor</name>
    <message>
        <source>Working days and hours</source>
        <translation>Рабочие дни и часы</translation>
    </message>
    <message>
        <source>Planned work on {day}</source>
        <translation>План работы: {day}</translation>
    </message>
    <message>
        <source>the sum of the days</source>
        <translation>сумма дней</translation>
    </message>
    <message>
        <source>a plan of</source>
        <translation>план</translation>
    </message>
    <message>
        <source>The week&apos;s plan, hours:minutes</source>
        <translation>План на неделю, часы:минуты</translation>
    </message>
    <message>
        <source>Fixed hours</source>
        <translation>Фиксированный</translation>
    </message>
    <message>
        <source>Flexible hours</source>
        <translation>Гибкий</translation>
    </message>
    <message>
        <source>Free hours</source>
        <translation>Свободный</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>no lunch</source>
        <translation>без обеда</translation>
    </message>
    <message>
        <source>lasting</source>
        <translation>длительностью</translation>
    </message>
    <message>
        <source>Wee&amp;k:</source>
        <translation>Не&amp;деля:</translation>
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation>&amp;Часы:</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>Нача&amp;ло:</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>&amp;Конец:</translation>
    </message>
    <message>
        <source>&amp;Lunch:</source>
        <translation>Об&amp;ед:</translation>
    </message>
    <message>
        <source>Late a&amp;fter:</source>
        <translation>Опоздание по&amp;сле:</translation>
    </message>
    <message>
        <source>the days add up to {days}</source>
        <translation>сумма дней — {days}</translation>
    </message>
    <message>
        <source>Enter the week&apos;s plan as hours:minutes, at most {most}.</source>
        <translation>Введите план на неделю в виде часы:минуты, не больше {most}.</translation>
    </message>
    <message>
        <source>A week&apos;s plan of 0:00 plans no work: enter the hours of the week.</source>
        <translation>План на неделю 0:00 не предусматривает работы: введите часы недели.</translation>
    </message>
</context>
<context>
    <name>Kept</name>
    <message>
        <source>Clicked {clicked} while the portal was unreachable; sent {sent} by timeman-tray</source>
        <translation>Нажато в {clicked}, когда портал был недоступен; отправлено в {sent} программой timeman-tray</translation>
    </message>
    <message>
        <source>Start at {time}</source>
        <translation>Начало в {time}</translation>
    </message>
    <message>
        <source>Pause at {time}</source>
        <translation>Перерыв в {time}</translation>
    </message>
    <message>
        <source>Resume at {time}</source>
        <translation>Продолжение в {time}</translation>
    </message>
    <message>
        <source>Close at {time}</source>
        <translation>Завершение в {time}</translation>
    </message>
    <message>
        <source>{click} kept: sending it now…</source>
        <translation>Сохранено: {click}; отправляется…</translation>
    </message>
    <message>
        <source>{click} kept, will be sent when the portal answers</source>
        <translation>Сохранено: {click}; будет отправлено, когда портал ответит</translation>
    </message>
    <message>
        <source>{click} kept: your choice is needed</source>
        <translation>Сохранено: {click}; нужно ваше решение</translation>
    </message>
    <message>
        <source>{click} kept, not sent</source>
        <translation>Сохранено: {click}; не отправлено</translation>
    </message>
    <message>
        <source>(and {count} more kept after it)</source>
        <translation>(и ещё сохранено после него: {count})</translation>
    </message>
    <message>
        <source>You paused at {time} while offline; the portal can only pause now. Until then the time since {time} counts as work.</source>
        <translation>Вы поставили перерыв в {time} без связи; портал может начать перерыв только сейчас. До тех пор время с {time} считается работой.</translation>
    </message>
    <message>
        <source>You resumed at {time} while offline; the portal can only resume now. Until then the time since {time} counts as a break.</source>
        <translation>Вы продолжили работу в {time} без связи; портал может продолжить только сейчас. До тех пор время с {time} считается перерывом.</translation>
    </message>
    <message>
        <source>The portal would resume the day closed at {end} instead of starting a new one, and takes no start time for it: the time since counts as a break.</source>
        <translation>Портал продолжит день, завершённый в {end}, вместо нового и не принимает для него время начала: время с тех пор считается перерывом.</translation>
    </message>
    <message>
        <source>Its date is over: the portal takes a start time only for today.</source>
        <translation>Его дата прошла: портал принимает время начала только на сегодня.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock jumped since the click (by the steady clock it was at {steady}), so {time} is not sent by itself: give the time yourself.</source>
        <translation>Часы этого компьютера сдвинулись после нажатия (по непрерывным часам это было в {steady}), поэтому {time} не отправляется само: укажите время сами.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock jumped since the click, so {time} is not sent by itself: give the time yourself.</source>
        <translation>Часы этого компьютера сдвинулись после нажатия, поэтому {time} не отправляется само: укажите время сами.</translation>
    </message>
    <message>
        <source>The portal takes no end at {time} for the day it has: {day}.</source>
        <translation>Портал не принимает завершение в {time} для своего дня: {day}.</translation>
    </message>
    <message>
        <source>The workday changed elsewhere since the click, so it was not sent. The portal has: {day}.</source>
        <translation>Рабочий день после нажатия изменили в другом месте, поэтому нажатие не отправлено. На портале: {day}.</translation>
    </message>
    <message>
        <source>It does not apply to the day the portal has, so it was not sent: {day}.</source>
        <translation>Это нажатие не подходит к дню на портале, поэтому не отправлено: {day}.</translation>
    </message>
    <message>
        <source>It followed a kept click that was not sent.</source>
        <translation>Это нажатие шло после сохранённого, которое не отправлено.</translation>
    </message>
    <message>
        <source>The portal did nothing with it. It has: {day}.</source>
        <translation>Портал ничего с ним не сделал. На портале: {day}.</translation>
    </message>
    <message>
        <source>The portal refused it [{code}]. It has: {day}.</source>
        <translation>Портал отказал [{code}]. На портале: {day}.</translation>
    </message>
    <message>
        <source>no workday yet</source>
        <translation>рабочего дня ещё нет</translation>
    </message>
    <message>
        <source>closed, {start}-{end}</source>
        <translation>завершён, {start}-{end}</translation>
    </message>
    <message>
        <source>on a break since {time}</source>
        <translation>перерыв с {time}</translation>
    </message>
    <message>
        <source>left open since {date} {time}</source>
        <translation>не завершён с {date} {time}</translation>
    </message>
    <message>
        <source>running since {time}</source>
        <translation>идёт с {time}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Pause now</source>
        <translation>Перерыв сейчас</translation>
    </message>
    <message>
        <source>Resume now</source>
        <translation>Продолжить сейчас</translation>
    </message>
    <message>
        <source>Start now</source>
        <translation>Начать сейчас</translation>
    </message>
    <message>
        <source>Close now</source>
        <translation>Завершить сейчас</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Отправить сейчас</translation>
    </message>
    <message>
        <source>Change start time…</source>
        <translation>Изменить время начала…</translation>
    </message>
    <message>
        <source>Close at…</source>
        <translation>Завершить в…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Kept click sent</source>
        <translation>Сохранённое нажатие отправлено</translation>
    </message>
    <message>
        <source>{click}: sent. The portal has: {day}.</source>
        <translation>{click}: отправлено. На портале: {day}.</translation>
    </message>
    <message>
        <source>{click}: it had reached the portal already. It has: {day}.</source>
        <translation>{click}: уже дошло до портала. На портале: {day}.</translation>
    </message>
    <message>
        <source>{click}: not sent</source>
        <translation>{click}: не отправлено</translation>
    </message>
</context>
<context>
    <name>NoTrayWindow</name>
    <message>
        <source>No system tray was found, so timeman-tray shows its status here. The icon moves to the tray once one appears; closing this window quits.</source>
        <translation>Системный трей не найден, поэтому timeman-tray показывает своё состояние здесь. Значок перейдёт в трей, как только он появится; закрытие этого окна завершает программу.</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>Snooze today</source>
        <translation>Отложить до завтра</translation>
    </message>
    <message>
        <source>Start now</source>
        <translation>Начать сейчас</translation>
    </message>
    <message>
        <source>Pause for lunch</source>
        <translation>Прерваться на обед</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>Закрыть день</translation>
    </message>
    <message>
        <source>Close the forgotten day…</source>
        <translation>Закрыть забытый день…</translation>
    </message>
    <message>
        <source>In the tray icon&apos;s panel: {steps}.</source>
        <translation>В панели значка в трее: {steps}.</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Workday not started</source>
        <translation>Рабочий день не начат</translation>
    </message>
    <message>
        <source>Time for lunch</source>
        <translation>Время обеда</translation>
    </message>
    <message>
        <source>Workday still open</source>
        <translation>Рабочий день всё ещё открыт</translation>
    </message>
    <message>
        <source>Workday left open</source>
        <translation>Рабочий день не закрыт</translation>
    </message>
    <message>
        <source>Planned work done</source>
        <translation>План на день выполнен</translation>
    </message>
    <message>
        <source>It is past {time}, the latest on-time start, and the day has not begun.</source>
        <translation>Уже позже {time} — последнего времени начала без опоздания, а день не начат.</translation>
    </message>
    <message>
        <source>Lunch is from {start} to {end} ({length}); pause the workday for it.</source>
        <translation>Обед с {start} до {end} ({length}); поставьте рабочий день на перерыв.</translation>
    </message>
    <message>
        <source>The workday is still open {past} after its expected end at {end}. Close it if you have finished.</source>
        <translation>Рабочий день открыт уже {past} после ожидаемого окончания в {end}. Завершите его, если закончили.</translation>
    </message>
    <message>
        <source>An earlier workday was never closed. Close it with its real end time.</source>
        <translation>Прошлый рабочий день так и не был закрыт. Закройте его с настоящим временем окончания.</translation>
    </message>
    <message>
        <source>The workday started {start} was never closed. Close it with its real end time.</source>
        <translation>Рабочий день, начатый {start}, так и не был закрыт. Закройте его с настоящим временем окончания.</translation>
    </message>
    <message>
        <source>You have worked {worked} of the {planned} planned: you can close the day.</source>
        <translation>Отработано {worked} из запланированных {planned}: день можно завершать.</translation>
    </message>
    <message>
        <source>Click this message to snooze it for today.</source>
        <translation>Щёлкните по сообщению, чтобы отложить это напоминание до завтра.</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Remind me</source>
        <translation>Напоминать</translation>
    </message>
    <message>
        <source>when the day is &amp;not started by the latest start</source>
        <translation>если день н&amp;е начат к последнему времени начала</translation>
    </message>
    <message>
        <source>when the &amp;lunch break begins (fixed hours)</source>
        <translation>когда начинается о&amp;бед (фиксированный график)</translation>
    </message>
    <message>
        <source>when the planned &amp;work is done</source>
        <translation>когда план на день &amp;выполнен</translation>
    </message>
    <message>
        <source>when the day is still &amp;open after its end</source>
        <translation>если день всё ещё о&amp;ткрыт после окончания</translation>
    </message>
    <message>
        <source>of a &amp;forgotten day that was never closed</source>
        <translation>о &amp;забытом незакрытом дне</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>&amp;Still open means past the end by:</source>
        <translation>«Всё ещё открыт» &amp;спустя после окончания:</translation>
    </message>
    <message>
        <source>{low} to {high} minutes.</source>
        <translation>От {low} до {high} минут.</translation>
    </message>
    <message>
        <source>Each reminder shows once a day and never on a day off. Click it, or &quot;Snooze today&quot; in the status panel, to silence it until tomorrow.</source>
        <translation>Каждое напоминание показывается не чаще раза в день и никогда в выходной. Щёлкните по нему или нажмите «Отложить до завтра» в панели состояния, чтобы оно не беспокоило до завтра.</translation>
    </message>
    <message>
        <source>Time away</source>
        <translation>Время отсутствия</translation>
    </message>
    <message>
        <source>As&amp;k what the time away from the computer was</source>
        <translation>Спрашивать, &amp;как считать время отсутствия у компьютера</translation>
    </message>
    <message>
        <source>Away &amp;means at least:</source>
        <translation>Отсутствие — это &amp;минимум:</translation>
    </message>
    <message>
        <source>Time away is noticed once the first status has been read.</source>
        <translation>Отсутствие начнёт отслеживаться после первого ответа портала.</translation>
    </message>
    <message>
        <source>Time away is not watched.</source>
        <translation>Отсутствие не отслеживается.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Why is the time different from the actual one?</source>
        <translation>Почему время отличается от фактического?</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Часовой пояс</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Дата:</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Время:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Часовой пояс:</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>dddd, d MMMM yyyy</source>
        <comment>QLocale date format of the date shown in the dialog</comment>
        <translation>dddd, d MMMM yyyy</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} мин</translation>
    </message>
    <message>
        <source>{hours_minutes} h</source>
        <translation>{hours_minutes} ч</translation>
    </message>
    <message>
        <source>running</source>
        <translation>идёт</translation>
    </message>
    <message>
        <source>on a break</source>
        <translation>перерыв</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>left open from an earlier day</source>
        <translation>не закрыт с прошлого дня</translation>
    </message>
    <message>
        <source>unknown: there is no answer from the portal</source>
        <translation>неизвестно: портал не ответил</translation>
    </message>
    <message>
        <source>The workday changed meanwhile (it is now {state}), so this change no longer applies. Cancel, then choose again from the menu.</source>
        <translation>Рабочий день тем временем изменился (сейчас: {state}), поэтому это изменение уже неприменимо. Нажмите «Отмена» и снова выберите действие в меню.</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;{zone}&quot;: choose one from the list, or type an offset like +03:00.</source>
        <translation>Неизвестный часовой пояс «{zone}»: выберите пояс из списка или введите смещение, например +03:00.</translation>
    </message>
    <message>
        <source>{time} does not exist on {date} in {zone}: the clocks jump forward over it. Choose a time before or after the jump.</source>
        <translation>Времени {time} не существует ({date}, {zone}): часы переводятся вперёд. Выберите время до или после перевода.</translation>
    </message>
    <message>
        <source>{time} happens twice on {date} in {zone} (the clocks go back). Choose the zone as an offset, e.g. UTC+02:00, to say which one you mean.</source>
        <translation>Время {time} наступает дважды ({date}, {zone}): часы переводятся назад. Выберите пояс в виде смещения, например UTC+02:00, чтобы указать, какое из двух имеется в виду.</translation>
    </message>
    <message>
        <source>{time} on {date} is not a time the portal can take in {zone}.</source>
        <translation>Портал не может принять время {time} ({date}, {zone}).</translation>
    </message>
    <message>
        <source>The start must be today ({date}).</source>
        <translation>Начало должно быть сегодня ({date}).</translation>
    </message>
    <message>
        <source>{time} is in the future: it is {now} now.</source>
        <translation>{time} — это в будущем: сейчас {now}.</translation>
    </message>
    <message>
        <source>The start must be after your previous day ended ({end}).</source>
        <translation>Начало должно быть позже окончания предыдущего рабочего дня ({end}).</translation>
    </message>
    <message>
        <source>The end must be on the same day as the start ({date}).</source>
        <translation>Окончание должно быть в тот же день, что и начало ({date}).</translation>
    </message>
    <message>
        <source>The end must be after the start ({start}).</source>
        <translation>Окончание должно быть позже начала ({start}).</translation>
    </message>
    <message>
        <source>The end cannot be before your break began ({pause}).</source>
        <translation>Окончание не может быть раньше начала перерыва ({pause}).</translation>
    </message>
    <message>
        <source>The day would be shorter than the breaks already taken ({breaks}).</source>
        <translation>День получится короче уже взятых перерывов ({breaks}).</translation>
    </message>
    <message>
        <source>The portal would refuse {time}.</source>
        <translation>Портал не примет время {time}.</translation>
    </message>
    <message>
        <source>Give a reason: the portal needs one when you change a time.</source>
        <translation>Укажите причину: портал требует её при изменении времени.</translation>
    </message>
    <message>
        <source>The reason is too long: {count} characters, at most {limit}.</source>
        <translation>Причина слишком длинная: символов {count}, допустимо не более {limit}.</translation>
    </message>
    <message>
        <source>The reason contains invisible control characters; remove them (retype the text rather than pasting it).</source>
        <translation>Причина содержит невидимые управляющие символы; удалите их (наберите текст заново, а не вставляйте его).</translation>
    </message>
    <message>
        <source>That is {time} in the day&apos;s zone ({zone}).</source>
        <translation>Это {time} в часовом поясе дня ({zone}).</translation>
    </message>
    <message>
        <source>That is {time} on {date} in the day&apos;s zone ({zone}).</source>
        <translation>Это {time} ({date}) в часовом поясе дня ({zone}).</translation>
    </message>
    <message>
        <source>Change start time</source>
        <translation>Изменить время начала</translation>
    </message>
    <message>
        <source>Close at another time</source>
        <translation>Завершить в другое время</translation>
    </message>
    <message>
        <source>Close the forgotten day</source>
        <translation>Закрыть забытый день</translation>
    </message>
    <message>
        <source>Start today&apos;s workday at the time you actually began working.</source>
        <translation>Начать сегодняшний рабочий день с того времени, когда вы фактически приступили к работе.</translation>
    </message>
    <message>
        <source>Close the workday that started at {start} at the time you actually stopped.</source>
        <translation>Завершить рабочий день, начатый в {start}, временем, когда вы фактически закончили работу.</translation>
    </message>
    <message>
        <source>The workday that started on {date} at {start} was never closed. Give the time you stopped working that day.</source>
        <translation>Рабочий день, начатый в {start} ({date}), так и не был закрыт. Укажите время, когда вы в тот день закончили работу.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Причина (обязательно):</translation>
    </message>
    <message>
        <source>&amp;Reason (optional: your schedule is flexible):</source>
        <translation>&amp;Причина (необязательно: у вас свободный график):</translation>
    </message>
    <message>
        <source>Type to search, e.g. Berlin, or an offset like +03:00.</source>
        <translation>Начните вводить для поиска, например Moscow, или смещение вида +03:00.</translation>
    </message>
    <message>
        <source>The day started in {zone}. A time typed in another zone is converted to it.</source>
        <translation>День начат в поясе {zone}. Время, введённое в другом поясе, пересчитывается в него.</translation>
    </message>
    <message>
        <source>Start at {time}</source>
        <translation>Начать в {time}</translation>
    </message>
    <message>
        <source>Close at {time}</source>
        <translation>Завершить в {time}</translation>
    </message>
    <message>
        <source>{count} / {limit}</source>
        <translation>{count} / {limit}</translation>
    </message>
    <message>
        <source>Closing a forgotten day always needs your supervisor&apos;s confirmation.</source>
        <translation>Закрытие забытого дня всегда требует подтверждения руководителя.</translation>
    </message>
    <message>
        <source>Your supervisor will be asked to confirm this change (more than {delta} from the actual time).</source>
        <translation>Руководителя попросят подтвердить это изменение (расхождение с фактическим временем больше {delta}).</translation>
    </message>
    <message>
        <source>The portal refused the change: {message}</source>
        <translation>Портал отклонил изменение: {message}</translation>
    </message>
    <message>
        <source>Sending to the portal…</source>
        <translation>Отправка на портал…</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>off</source>
        <translation>выходной</translation>
    </message>
    <message>
        <source>a cycle of {count} days: {days}</source>
        <translation>цикл из {count} дн.: {days}</translation>
    </message>
    <message>
        <source>shift work</source>
        <translation>сменный график</translation>
    </message>
    <message>
        <source>fixed hours</source>
        <translation>фиксированный график</translation>
    </message>
    <message>
        <source>free hours</source>
        <translation>свободный график</translation>
    </message>
    <message>
        <source>flexible hours</source>
        <translation>гибкий график</translation>
    </message>
    <message>
        <source>No revision of this schedule covers today: the portal&apos;s limits apply.</source>
        <translation>Ни одна редакция этого графика не действует сегодня: применяются ограничения портала.</translation>
    </message>
    <message>
        <source>week {plan} (the days: {days})</source>
        <translation>неделя {plan} (сумма дней: {days})</translation>
    </message>
    <message>
        <source>week {plan}</source>
        <translation>неделя {plan}</translation>
    </message>
    <message>
        <source>Shifts: {shifts}</source>
        <translation>Смены: {shifts}</translation>
    </message>
    <message>
        <source>Start {start} (late after {delay} min) · end {end}</source>
        <translation>Начало {start} (опоздание после {delay} мин) · окончание {end}</translation>
    </message>
    <message>
        <source>Lunch {lunches}</source>
        <translation>Обед {lunches}</translation>
    </message>
    <message>
        <source>No lunch break</source>
        <translation>Без обеденного перерыва</translation>
    </message>
    <message>
        <source>The stored schedule cannot be used ({field}: {problem}); the portal&apos;s limits apply.</source>
        <translation>Сохранённый график нельзя использовать ({field}: {problem}); применяются ограничения портала.</translation>
    </message>
    <message>
        <source>Use the &amp;portal&apos;s limits</source>
        <translation>&amp;Использовать ограничения портала</translation>
    </message>
    <message>
        <source>Use a &amp;work schedule</source>
        <translation>Использовать &amp;рабочий график</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>Импор&amp;т…</translation>
    </message>
    <message>
        <source>Read a WorkTimeSchedule file (JSON) from your HR system.</source>
        <translation>Загрузить файл WorkTimeSchedule (JSON) из кадровой системы.</translation>
    </message>
    <message>
        <source>&amp;My shift:</source>
        <translation>&amp;Моя смена:</translation>
    </message>
    <message>
        <source>Holida&amp;ys:</source>
        <translation>Пра&amp;здники:</translation>
    </message>
    <message>
        <source>This schedule plans a cycle of days; they are not edited here.</source>
        <translation>В этом графике дни идут циклом; здесь они не редактируются.</translation>
    </message>
    <message>
        <source>Shift work: the day&apos;s hours come from the shift.</source>
        <translation>Сменная работа: часы дня берутся из смены.</translation>
    </message>
    <message>
        <source>Until you choose a work schedule, the plan follows the portal: the latest start, the shortest day and the earliest end set there, Monday to Friday.</source>
        <translation>Пока рабочий график не выбран, план следует настройкам портала: последнее время начала, минимальная продолжительность дня и самое раннее окончание, с понедельника по пятницу.</translation>
    </message>
    <message>
        <source>The portal&apos;s limits are used.</source>
        <translation>Используются ограничения портала.</translation>
    </message>
    <message>
        <source>A schedule made here.</source>
        <translation>График, составленный здесь.</translation>
    </message>
    <message>
        <source>The schedule cannot be saved: {field}: {problem}</source>
        <translation>График нельзя сохранить: {field}: {problem}</translation>
    </message>
    <message>
        <source>Import a work schedule</source>
        <translation>Импорт рабочего графика</translation>
    </message>
    <message>
        <source>Work schedules (*.json);;All files (*)</source>
        <translation>Рабочие графики (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>{file} cannot be read: {problem}</source>
        <translation>Не удаётся прочитать {file}: {problem}</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text.</source>
        <translation>{file} — не текст в UTF-8.</translation>
    </message>
    <message>
        <source>{file} was not imported: {field}: {problem}</source>
        <translation>{file} не импортирован: {field}: {problem}</translation>
    </message>
    <message>
        <source>My schedule</source>
        <translation>Мой график</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Welcome to timeman-tray</source>
        <translation>Добро пожаловать в timeman-tray</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>This CA certificate file cannot be opened; choose another file.</source>
        <translation>Этот файл сертификата ЦС не открывается; выберите другой файл.</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Учётная запись</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Общие</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>&amp;Подключение</translation>
    </message>
    <message>
        <source>Sched&amp;ule</source>
        <translation>&amp;График</translation>
    </message>
    <message>
        <source>Remin&amp;ders</source>
        <translation>&amp;Напоминания</translation>
    </message>
    <message>
        <source>The demo portal needs no account.</source>
        <translation>Для демо-портала учётная запись не нужна.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>рабочий день идёт</translation>
    </message>
    <message>
        <source>On a break</source>
        <translation>перерыв</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>рабочий день не идёт</translation>
    </message>
    <message>
        <source>A day from before is still open</source>
        <translation>прошлый рабочий день ещё не закрыт</translation>
    </message>
    <message>
        <source>{name} (user {user_id}) · timeman access granted · today: {state}</source>
        <translation>{name} (пользователь {user_id}) · доступ к timeman есть · сегодня: {state}</translation>
    </message>
    <message>
        <source>{reason} Nothing was stored.</source>
        <translation>{reason} Ничего не сохранено.</translation>
    </message>
    <message>
        <source>Enter the proxy as http://host:port or https://host:port.</source>
        <translation>Укажите прокси в виде http://хост:порт или https://хост:порт.</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Задано администратором</translation>
    </message>
    <message>
        <source>Your administrator&apos;s policy: at most one check every {seconds} s.</source>
        <translation>По правилам администратора: не чаще одной проверки в {seconds} с.</translation>
    </message>
</context>
<context>
    <name>ShiftChoice</name>
    <message>
        <source>The default shift ({name})</source>
        <translation>Смена по умолчанию ({name})</translation>
    </message>
    <message>
        <source>No shifts</source>
        <translation>Нет смен</translation>
    </message>
    <message>
        <source>Only a schedule with shift work has shifts to choose from.</source>
        <translation>Выбрать смену можно только в графике со сменной работой.</translation>
    </message>
    <message>
        <source>The shift {name} is not in the schedule any more: the default shift applies.</source>
        <translation>Смены {name} больше нет в графике: действует смена по умолчанию.</translation>
    </message>
</context>
<context>
    <name>ShiftForm</name>
    <message>
        <source>the next day</source>
        <translation>следующего дня</translation>
    </message>
    <message>
        <source>the schedule&apos;s lunch</source>
        <translation>обед графика</translation>
    </message>
    <message>
        <source>no lunch</source>
        <translation>без обеда</translation>
    </message>
    <message>
        <source>its own:</source>
        <translation>свой:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Length of the shift&apos;s lunch</source>
        <translation>Длительность обеда смены</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Наз&amp;вание:</translation>
    </message>
    <message>
        <source>Fr&amp;om:</source>
        <translation>Врем&amp;я:</translation>
    </message>
    <message>
        <source>Lunch &amp;break:</source>
        <translation>Перерыв на о&amp;бед:</translation>
    </message>
    <message>
        <source>And a second lunch from the file: {window}, kept as it is.</source>
        <translation>И второй обед из файла: {window}, он сохраняется как есть.</translation>
    </message>
</context>
<context>
    <name>ShiftsEditor</name>
    <message>
        <source>Shif&amp;t work</source>
        <translation>Сменн&amp;ая работа</translation>
    </message>
    <message>
        <source>(needs fixed hours)</source>
        <translation>(только при фиксированном графике)</translation>
    </message>
    <message>
        <source>Shifts, the first is the default one</source>
        <translation>Смены, первая — смена по умолчанию</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <source>Move up (the first shift is the default one)</source>
        <translation>Выше (первая смена — смена по умолчанию)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(по умолчанию)</translation>
    </message>
    <message>
        <source>Shift {number}</source>
        <translation>Смена {number}</translation>
    </message>
    <message>
        <source>Add a shift, or switch shift work off.</source>
        <translation>Добавьте смену или выключите сменную работу.</translation>
    </message>
    <message>
        <source>Shift {number} needs a name.</source>
        <translation>Смене {number} нужно название.</translation>
    </message>
    <message>
        <source>Two shifts are called {name}: give each its own name.</source>
        <translation>Две смены называются {name}: дайте каждой своё название.</translation>
    </message>
    <message>
        <source>Shift {name} ends when it begins.</source>
        <translation>Смена {name} заканчивается в момент начала.</translation>
    </message>
    <message>
        <source>The lunch of shift {name} must end after it begins (00:00 is midnight).</source>
        <translation>Обед смены {name} должен заканчиваться позже, чем начинается (00:00 — полночь).</translation>
    </message>
    <message>
        <source>The lunch of shift {name} is longer than its window ({window}).</source>
        <translation>Обед смены {name} длиннее своего окна ({window}).</translation>
    </message>
</context>
<context>
    <name>SignedInForm</name>
    <message>
        <source>Sign &amp;out…</source>
        <translation>В&amp;ыйти…</translation>
    </message>
    <message>
        <source>Signed in as {name} at {portal} (user {user_id})</source>
        <translation>Вы вошли как {name} на {portal} (пользователь {user_id})</translation>
    </message>
    <message>
        <source>Signed in at {portal} (user {user_id})</source>
        <translation>Вы вошли на {portal} (пользователь {user_id})</translation>
    </message>
</context>
<context>
    <name>SignedOutForm</name>
    <message>
        <source>timeman-tray works through an &lt;b&gt;incoming webhook&lt;/b&gt; of your Bitrix24 account:&lt;ol&gt;&lt;li&gt;In Bitrix24 open &lt;b&gt;Developer resources → Other → Incoming webhook&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Tick the permission &lt;b&gt;timeman&lt;/b&gt; (Time management) and save.&lt;/li&gt;&lt;li&gt;Copy the webhook URL and paste it below. It looks like&lt;br&gt;&lt;tt&gt;{form}&lt;/tt&gt;&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>timeman-tray работает через &lt;b&gt;входящий вебхук&lt;/b&gt; вашей учётной записи Битрикс24:&lt;ol&gt;&lt;li&gt;В Битрикс24 откройте &lt;b&gt;Разработчикам → Другое → Входящий вебхук&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Отметьте право &lt;b&gt;timeman&lt;/b&gt; (Учёт рабочего времени) и сохраните.&lt;/li&gt;&lt;li&gt;Скопируйте URL вебхука и вставьте его ниже. Он выглядит так:&lt;br&gt;&lt;tt&gt;{form}&lt;/tt&gt;&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Your administrator set the portal: {portal}</source>
        <translation>Портал задан администратором: {portal}</translation>
    </message>
    <message>
        <source>&amp;Webhook URL:</source>
        <translation>Адрес &amp;вебхука:</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Show or hide the webhook URL</source>
        <translation>Показать или скрыть URL вебхука</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Проверить подключение</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Скрыть</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Ask the portal for the day now.</source>
        <translation>Запросить рабочий день у портала сейчас.</translation>
    </message>
    <message>
        <source>Change start time…</source>
        <translation>Изменить время начала…</translation>
    </message>
    <message>
        <source>Close at…</source>
        <translation>Завершить в…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>История…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <source>Snooze today</source>
        <translation>Отложить до завтра</translation>
    </message>
    <message>
        <source>No more reminders of this kind until tomorrow.</source>
        <translation>Больше никаких напоминаний этого вида до завтра.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Эта неделя</translation>
    </message>
    <message>
        <source>The portal is unreachable; showing the last known state.</source>
        <translation>Портал недоступен; показано последнее известное состояние.</translation>
    </message>
    <message>
        <source>A change awaits your supervisor&apos;s confirmation.</source>
        <translation>Изменение ожидает подтверждения руководителя.</translation>
    </message>
    <message>
        <source>Resuming carries on the closed day: the portal counts the time since it was closed as a break.</source>
        <translation>Возобновление продолжит закрытый день: время с момента закрытия портал засчитает как перерыв.</translation>
    </message>
    <message>
        <source>Resuming carries on the day closed at {end}: the portal counts the time since then as a break.</source>
        <translation>Возобновление продолжит день, закрытый в {end}: время с тех пор портал засчитает как перерыв.</translation>
    </message>
    <message>
        <source>Starting again begins a new record; the day closed at {end} stays as it is.</source>
        <translation>Новый запуск начнёт новую запись; день, закрытый в {end}, останется как есть.</translation>
    </message>
    <message>
        <source>Left open since {start}</source>
        <translation>Начат {start}</translation>
    </message>
    <message>
        <source>Last day {date}: worked {worked} · breaks {breaks}</source>
        <translation>Последний день {date}: отработано {worked} · перерывы {breaks}</translation>
    </message>
    <message>
        <source>Worked {worked} · breaks {breaks}</source>
        <translation>Отработано {worked} · перерывы {breaks}</translation>
    </message>
    <message>
        <source>Suggested end: {end}</source>
        <translation>Предлагаемое окончание: {end}</translation>
    </message>
    <message>
        <source>Started at {start}</source>
        <translation>Начат в {start}</translation>
    </message>
    <message>
        <source>{done} of {planned}</source>
        <translation>{done} из {planned}</translation>
    </message>
</context>
<context>
    <name>TrayApplication</name>
    <message>
        <source>Settings not readable</source>
        <translation>Не удаётся прочитать настройки</translation>
    </message>
    <message>
        <source>The administrator&apos;s policy has problems</source>
        <translation>В политике администратора есть ошибки</translation>
    </message>
    <message>
        <source>{count} part(s) of it are ignored; timeman-tray uses its defaults for them. The log names each.</source>
        <translation>Частей политики пропущено: {count}; для них timeman-tray использует значения по умолчанию. Каждая названа в журнале.</translation>
    </message>
    <message>
        <source>History not recorded</source>
        <translation>История не записывается</translation>
    </message>
    <message>
        <source>Not paused</source>
        <translation>Перерыв не начат</translation>
    </message>
    <message>
        <source>The workday is no longer running, or another action is on its way.</source>
        <translation>Рабочий день уже не идёт, или уже выполняется другое действие.</translation>
    </message>
    <message>
        <source>Not sent: another action is on its way, or the workday has changed.</source>
        <translation>Не отправлено: уже выполняется другое действие, или рабочий день изменился.</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>вход не выполнен</translation>
    </message>
    <message>
        <source>the built-in demo portal</source>
        <translation>встроенный демо-портал</translation>
    </message>
    <message>
        <source>About timeman-tray</source>
        <translation>О программе timeman-tray</translation>
    </message>
    <message>
        <source>&lt;b&gt;timeman-tray {version}&lt;/b&gt;&lt;p&gt;Your Bitrix24 workday in the system tray.&lt;/p&gt;&lt;p&gt;Portal: {portal}&lt;br&gt;Log folder: {logs}&lt;/p&gt;</source>
        <translation>&lt;b&gt;timeman-tray {version}&lt;/b&gt;&lt;p&gt;Ваш рабочий день Битрикс24 в системном трее.&lt;/p&gt;&lt;p&gt;Портал: {portal}&lt;br&gt;Папка журнала: {logs}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TrayView</name>
    <message>
        <source>Close the forgotten day…</source>
        <translation>Закрыть забытый день…</translation>
    </message>
    <message>
        <source>Resume the day</source>
        <translation>Возобновить день</translation>
    </message>
    <message>
        <source>Start workday</source>
        <translation>Начать рабочий день</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Перерыв</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Close workday</source>
        <translation>Завершить рабочий день</translation>
    </message>
    <message>
        <source>Change start time…</source>
        <translation>Изменить время начала…</translation>
    </message>
    <message>
        <source>Start the workday at an earlier time (the portal allows it for a new day).</source>
        <translation>Начать рабочий день с более раннего времени (портал разрешает это для нового дня).</translation>
    </message>
    <message>
        <source>Close at…</source>
        <translation>Завершить в…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>История…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Open in Bitrix24</source>
        <translation>Открыть в Битрикс24</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Открыть папку журнала</translation>
    </message>
    <message>
        <source>About</source>
        <translation>О программе</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
</context>
<context>
    <name>Waiting</name>
    <message>
        <source>Starting…</source>
        <translation>Начало дня…</translation>
    </message>
    <message>
        <source>Pausing…</source>
        <translation>Пауза…</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>Продолжение дня…</translation>
    </message>
    <message>
        <source>Closing…</source>
        <translation>Закрытие дня…</translation>
    </message>
    <message>
        <source>the answer was lost: reading the day to see whether it took effect</source>
        <translation>ответ потерян: читаем день, чтобы узнать, сработало ли</translation>
    </message>
    <message>
        <source>the answer was lost: reading the day in {seconds} s to see whether it took effect</source>
        <translation>ответ потерян: через {seconds} с прочитаем день, чтобы узнать, сработало ли</translation>
    </message>
    <message>
        <source>waiting for the portal, busy: trying again now</source>
        <translation>ждём портал, он занят: пробуем снова</translation>
    </message>
    <message>
        <source>waiting for the portal, busy: trying again in {seconds} s</source>
        <translation>ждём портал, он занят: новая попытка через {seconds} с</translation>
    </message>
    <message>
        <source>waiting for the portal, unreachable: trying again now</source>
        <translation>ждём портал, он недоступен: пробуем снова</translation>
    </message>
    <message>
        <source>waiting for the portal, unreachable: trying again in {seconds} s</source>
        <translation>ждём портал, он недоступен: новая попытка через {seconds} с</translation>
    </message>
</context>
<context>
    <name>account.general</name>
    <message>
        <source>Not signed in.</source>
        <translation>Вход не выполнен.</translation>
    </message>
</context>
<context>
    <name>account.move_not_allowed</name>
    <message>
        <source>{address} is not the portal your administrator allows</source>
        <translation>{address} — не тот портал, который разрешил ваш администратор</translation>
    </message>
</context>
<context>
    <name>account.not_signed_in</name>
    <message>
        <source>Not signed in: run &apos;timeman-tray login&apos; first.</source>
        <translation>Вход не выполнен: сначала выполните «timeman-tray login».</translation>
    </message>
</context>
<context>
    <name>account.portal_not_allowed</name>
    <message>
        <source>Signed in at {portal}, but your administrator allows only {allowed}: run &apos;timeman-tray login&apos; with a webhook of that portal.</source>
        <translation>Вход выполнен на {portal}, но ваш администратор разрешает только {allowed}: выполните «timeman-tray login» с вебхуком этого портала.</translation>
    </message>
</context>
<context>
    <name>account.secret_missing</name>
    <message>
        <source>The webhook secret is missing from the keyring: run &apos;timeman-tray login&apos; again.</source>
        <translation>Секрета вебхука нет в хранилище ключей: снова выполните «timeman-tray login».</translation>
    </message>
</context>
<context>
    <name>account.secret_unusable</name>
    <message>
        <source>The secret in the keyring is unusable: run &apos;timeman-tray login&apos; again.</source>
        <translation>Секрет в хранилище ключей непригоден: снова выполните «timeman-tray login».</translation>
    </message>
</context>
<context>
    <name>api.answer.batch_incomplete</name>
    <message>
        <source>The portal&apos;s batch answer lacks the status or settings.</source>
        <translation>В пакетном ответе портала нет статуса или настроек.</translation>
    </message>
</context>
<context>
    <name>api.answer.batch_not_object</name>
    <message>
        <source>The portal&apos;s batch answer is not an object.</source>
        <translation>Пакетный ответ портала — не объект.</translation>
    </message>
</context>
<context>
    <name>api.answer.error_with_result</name>
    <message>
        <source>The portal answered HTTP {status} with a result; not trusting it.</source>
        <translation>Портал ответил кодом HTTP {status} вместе с результатом; такому ответу нельзя доверять.</translation>
    </message>
</context>
<context>
    <name>api.answer.general</name>
    <message>
        <source>The portal&apos;s answer cannot be used.</source>
        <translation>Ответ портала нельзя использовать.</translation>
    </message>
</context>
<context>
    <name>api.answer.no_result</name>
    <message>
        <source>The portal&apos;s answer has neither a result nor an error (HTTP {status}).</source>
        <translation>В ответе портала нет ни результата, ни ошибки (HTTP {status}).</translation>
    </message>
</context>
<context>
    <name>api.answer.not_json</name>
    <message>
        <source>The portal answered with data that is not valid JSON. (HTTP {status})</source>
        <translation>Портал ответил данными, которые не являются корректным JSON. (HTTP {status})</translation>
    </message>
</context>
<context>
    <name>api.answer.not_object</name>
    <message>
        <source>The portal&apos;s answer is not a JSON object (HTTP {status}).</source>
        <translation>Ответ портала — не JSON-объект (HTTP {status}).</translation>
    </message>
</context>
<context>
    <name>api.answer.profile_no_user</name>
    <message>
        <source>The portal&apos;s profile answer has no user id.</source>
        <translation>В ответе портала о профиле нет идентификатора пользователя.</translation>
    </message>
</context>
<context>
    <name>api.answer.scope_not_list</name>
    <message>
        <source>The portal&apos;s scope answer is not a list.</source>
        <translation>Ответ портала о правах доступа — не список.</translation>
    </message>
</context>
<context>
    <name>api.answer.unusable</name>
    <message>
        <source>The portal&apos;s answer cannot be used: {detail}</source>
        <translation>Ответ портала нельзя использовать: {detail}</translation>
    </message>
</context>
<context>
    <name>api.answer.web_page</name>
    <message>
        <source>The portal answered with a web page instead of data. A proxy or a login page may be in the way, or the portal is under maintenance. (HTTP {status})</source>
        <translation>Портал ответил веб-страницей вместо данных. Возможно, мешает прокси или страница входа, или на портале идут технические работы. (HTTP {status})</translation>
    </message>
</context>
<context>
    <name>api.auth.access_denied</name>
    <message>
        <source>The portal denies REST access (it needs a paid plan or is restricted); ask the portal administrator.</source>
        <translation>Портал запрещает доступ к REST API (нужен платный тариф, или доступ ограничен); обратитесь к администратору портала.</translation>
    </message>
</context>
<context>
    <name>api.auth.authorization</name>
    <message>
        <source>The portal refused the credentials; sign in again.</source>
        <translation>Портал отклонил данные для входа; войдите снова.</translation>
    </message>
</context>
<context>
    <name>api.auth.confirm_denied</name>
    <message>
        <source>The portal administrator denied access for the webhook.</source>
        <translation>Администратор портала запретил доступ для вебхука.</translation>
    </message>
</context>
<context>
    <name>api.auth.confirm_waiting</name>
    <message>
        <source>The administrator has not confirmed the webhook&apos;s access yet.</source>
        <translation>Администратор ещё не подтвердил доступ для вебхука.</translation>
    </message>
</context>
<context>
    <name>api.auth.expired_token</name>
    <message>
        <source>The webhook has expired; create a new one in Bitrix24 and sign in again.</source>
        <translation>Срок действия вебхука истёк; создайте новый в Битрикс24 и войдите снова.</translation>
    </message>
</context>
<context>
    <name>api.auth.extranet_user</name>
    <message>
        <source>This is an external (extranet) account; Bitrix24 tracks work time for employees only.</source>
        <translation>Это внешняя (экстранет) учётная запись; Битрикс24 ведёт учёт рабочего времени только для сотрудников.</translation>
    </message>
</context>
<context>
    <name>api.auth.general</name>
    <message>
        <source>The portal does not accept the webhook; sign in again.</source>
        <translation>Портал не принимает вебхук; войдите снова.</translation>
    </message>
</context>
<context>
    <name>api.auth.insufficient_scope</name>
    <message>
        <source>The webhook has no access to work time: edit it in Bitrix24 and tick the &apos;timeman&apos; (Time management) permission.</source>
        <translation>У вебхука нет доступа к учёту рабочего времени: измените его в Битрикс24 и отметьте право «timeman» (Учёт рабочего времени).</translation>
    </message>
</context>
<context>
    <name>api.auth.invalid_credentials</name>
    <message>
        <source>The portal does not accept this webhook: it was deleted or its secret changed. Sign in again with a new webhook URL.</source>
        <translation>Портал не принимает этот вебхук: он удалён или его секрет изменился. Войдите снова с новым URL вебхука.</translation>
    </message>
</context>
<context>
    <name>api.auth.invalid_request</name>
    <message>
        <source>The portal requires HTTPS; use the https:// webhook URL.</source>
        <translation>Портал требует HTTPS; используйте URL вебхука, начинающийся с https://.</translation>
    </message>
</context>
<context>
    <name>api.auth.invalid_token</name>
    <message>
        <source>The portal does not accept these credentials; sign in again.</source>
        <translation>Портал не принимает эти данные для входа; войдите снова.</translation>
    </message>
</context>
<context>
    <name>api.auth.no_auth_found</name>
    <message>
        <source>The portal found no credentials in the request; check the webhook URL.</source>
        <translation>Портал не нашёл в запросе данных для входа; проверьте URL вебхука.</translation>
    </message>
</context>
<context>
    <name>api.auth.user_access</name>
    <message>
        <source>This user may not use the webhook; ask the portal administrator.</source>
        <translation>Этому пользователю нельзя использовать вебхук; обратитесь к администратору портала.</translation>
    </message>
</context>
<context>
    <name>api.auth.wrong_auth_type</name>
    <message>
        <source>The portal does not accept this kind of credentials; use a webhook URL.</source>
        <translation>Портал не принимает такой способ входа; используйте URL вебхука.</translation>
    </message>
</context>
<context>
    <name>api.call.params_not_json</name>
    <message>
        <source>The parameters of {method} cannot be sent as JSON</source>
        <translation>Параметры {method} нельзя отправить в виде JSON</translation>
    </message>
</context>
<context>
    <name>api.moved.again</name>
    <message>
        <source>The portal redirects again after moving; check its address in Bitrix24.</source>
        <translation>Портал снова перенаправляет после переезда; проверьте его адрес в Битрикс24.</translation>
    </message>
</context>
<context>
    <name>api.moved.general</name>
    <message>
        <source>The portal has moved; check its address in Bitrix24.</source>
        <translation>Портал переехал; проверьте его адрес в Битрикс24.</translation>
    </message>
</context>
<context>
    <name>api.moved.not_allowed</name>
    <message>
        <source>The portal redirects to {address}, which your administrator does not allow; not following it.</source>
        <translation>Портал перенаправляет на {address}, но ваш администратор это не разрешает; переход не выполнен.</translation>
    </message>
</context>
<context>
    <name>api.moved.not_https</name>
    <message>
        <source>The portal redirects to a non-HTTPS address; not following it.</source>
        <translation>Портал перенаправляет на адрес без HTTPS; переход не выполнен.</translation>
    </message>
</context>
<context>
    <name>api.moved.not_portal</name>
    <message>
        <source>The portal redirects to an address that is not a portal; not following it.</source>
        <translation>Портал перенаправляет на адрес, который не является порталом; переход не выполнен.</translation>
    </message>
</context>
<context>
    <name>api.moved.nowhere</name>
    <message>
        <source>The portal says it has moved but gives no new address; check it in Bitrix24.</source>
        <translation>Портал сообщает о переезде, но не называет новый адрес; проверьте его в Битрикс24.</translation>
    </message>
</context>
<context>
    <name>api.net.broken_off</name>
    <message>
        <source>The connection to {host} broke off before an answer came: {reason}</source>
        <translation>Соединение с {host} прервалось до получения ответа: {reason}</translation>
    </message>
</context>
<context>
    <name>api.net.certificate</name>
    <message>
        <source>The certificate of {host} is not trusted. If your company uses its own certificate authority, set its CA file in the settings (or SSL_CERT_FILE).</source>
        <translation>Сертификат {host} не является доверенным. Если в вашей компании свой центр сертификации, укажите файл его сертификата в настройках (или в SSL_CERT_FILE).</translation>
    </message>
</context>
<context>
    <name>api.net.connect_failed</name>
    <message>
        <source>Cannot connect to {host}: {reason}</source>
        <translation>Не удаётся подключиться к {host}: {reason}</translation>
    </message>
</context>
<context>
    <name>api.net.connect_no_answer</name>
    <message>
        <source>Cannot connect to {host}: no answer.</source>
        <translation>Не удаётся подключиться к {host}: нет ответа.</translation>
    </message>
</context>
<context>
    <name>api.net.proxy_refused</name>
    <message>
        <source>The proxy refused the connection: {reason}</source>
        <translation>Прокси-сервер отклонил подключение: {reason}</translation>
    </message>
</context>
<context>
    <name>api.net.read_timeout</name>
    <message>
        <source>{host} did not answer in time.</source>
        <translation>{host} не ответил вовремя.</translation>
    </message>
</context>
<context>
    <name>api.portal_deleted</name>
    <message>
        <source>The portal has been deleted or closed; waiting will not help. Check its address.</source>
        <translation>Портал удалён или закрыт; ожидание не поможет. Проверьте его адрес.</translation>
    </message>
</context>
<context>
    <name>api.proxy.invalid</name>
    <message>
        <source>The proxy address is not a valid URL</source>
        <translation>Адрес прокси — некорректный URL</translation>
    </message>
</context>
<context>
    <name>api.proxy.scheme</name>
    <message>
        <source>The proxy must look like http://host:port or https://host:port</source>
        <translation>Адрес прокси должен иметь вид http://хост:порт или https://хост:порт</translation>
    </message>
</context>
<context>
    <name>api.rate_limited</name>
    <message>
        <source>The portal is rate limiting requests; trying again shortly.</source>
        <translation>Портал ограничивает частоту запросов; скоро будет новая попытка.</translation>
    </message>
</context>
<context>
    <name>api.rate_limited.general</name>
    <message>
        <source>The portal is rate limiting requests.</source>
        <translation>Портал ограничивает частоту запросов.</translation>
    </message>
</context>
<context>
    <name>api.records.naive_range</name>
    <message>
        <source>The history range needs times with a time zone.</source>
        <translation>Для периода истории нужно время с часовым поясом.</translation>
    </message>
</context>
<context>
    <name>api.records.page_size</name>
    <message>
        <source>A page holds 1 to {size} records; read at least one.</source>
        <translation>На странице от 1 до {size} записей; прочтите хотя бы одну.</translation>
    </message>
</context>
<context>
    <name>api.records.reversed_range</name>
    <message>
        <source>The history range ends before it starts.</source>
        <translation>Период истории заканчивается раньше, чем начинается.</translation>
    </message>
</context>
<context>
    <name>api.records.unusable</name>
    <message>
        <source>The portal&apos;s records cannot be used: {detail}</source>
        <translation>Записи портала непригодны: {detail}</translation>
    </message>
</context>
<context>
    <name>api.refused.code</name>
    <message>
        <source>The portal refused ({code}).</source>
        <translation>Портал отказал ({code}).</translation>
    </message>
</context>
<context>
    <name>api.refused.datetime</name>
    <message>
        <source>The portal refused the time: {description}</source>
        <translation>Портал отклонил время: {description}</translation>
    </message>
</context>
<context>
    <name>api.refused.datetime_format</name>
    <message>
        <source>The portal did not understand the time that was sent.</source>
        <translation>Портал не понял отправленное время.</translation>
    </message>
</context>
<context>
    <name>api.refused.day_expired</name>
    <message>
        <source>The day is expired: close it with an end time and a reason.</source>
        <translation>Рабочий день просрочен: закройте его, указав время окончания и причину.</translation>
    </message>
</context>
<context>
    <name>api.refused.described</name>
    <message>
        <source>The portal refused: {description}</source>
        <translation>Портал отказал: {description}</translation>
    </message>
</context>
<context>
    <name>api.refused.general</name>
    <message>
        <source>The portal refused the request.</source>
        <translation>Портал отклонил запрос.</translation>
    </message>
</context>
<context>
    <name>api.refused.no_code</name>
    <message>
        <source>The portal refused (no error code).</source>
        <translation>Портал отказал (без кода ошибки).</translation>
    </message>
</context>
<context>
    <name>api.refused.no_method</name>
    <message>
        <source>The portal does not offer this method (is time tracking enabled?).</source>
        <translation>Портал не поддерживает этот метод (включён ли учёт рабочего времени?).</translation>
    </message>
</context>
<context>
    <name>api.refused.report_needed</name>
    <message>
        <source>The portal requires a reason for a changed time.</source>
        <translation>Портал требует указать причину изменения времени.</translation>
    </message>
</context>
<context>
    <name>api.refused.time_while_paused</name>
    <message>
        <source>A start time cannot be set while the day is paused; resume it instead.</source>
        <translation>Во время перерыва нельзя задать время начала; вместо этого продолжите рабочий день.</translation>
    </message>
</context>
<context>
    <name>api.trust.ca_missing</name>
    <message>
        <source>The CA file {path} does not exist or is not a file</source>
        <translation>Файл сертификата ЦС {path} не существует или не является файлом</translation>
    </message>
</context>
<context>
    <name>api.trust.ca_unusable</name>
    <message>
        <source>The CA file {path} holds no usable certificate (expected PEM)</source>
        <translation>В файле сертификата ЦС {path} нет пригодного сертификата (ожидается PEM)</translation>
    </message>
</context>
<context>
    <name>api.trust.env_missing</name>
    <message>
        <source>The SSL_CERT_FILE {path} does not exist or is not a file</source>
        <translation>Файл SSL_CERT_FILE {path} не существует или не является файлом</translation>
    </message>
</context>
<context>
    <name>api.trust.env_unusable</name>
    <message>
        <source>The SSL_CERT_FILE {path} holds no usable certificate (expected PEM)</source>
        <translation>В файле SSL_CERT_FILE {path} нет пригодного сертификата (ожидается PEM)</translation>
    </message>
</context>
<context>
    <name>api.unavailable.code</name>
    <message>
        <source>The portal is unavailable ({code}).</source>
        <translation>Портал недоступен ({code}).</translation>
    </message>
</context>
<context>
    <name>api.unavailable.described</name>
    <message>
        <source>The portal is unavailable ({code}). {description}</source>
        <translation>Портал недоступен ({code}). {description}</translation>
    </message>
</context>
<context>
    <name>api.unavailable.general</name>
    <message>
        <source>The portal cannot be reached right now.</source>
        <translation>Портал сейчас недоступен.</translation>
    </message>
</context>
<context>
    <name>api.webhook.general</name>
    <message>
        <source>That is not a webhook URL. Expected {form}</source>
        <translation>Это не URL вебхука. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>api.write.half_position</name>
    <message>
        <source>Give both a latitude and a longitude, or neither.</source>
        <translation>Укажите и широту, и долготу — или ни то, ни другое.</translation>
    </message>
</context>
<context>
    <name>api.write.needs_time</name>
    <message>
        <source>An expired day can only be closed with an end time.</source>
        <translation>Просроченный день можно закрыть только с указанием времени окончания.</translation>
    </message>
</context>
<context>
    <name>api.write.no_time</name>
    <message>
        <source>A time cannot be given to {action}.</source>
        <translation>Для действия {action} время указать нельзя.</translation>
    </message>
</context>
<context>
    <name>api.write.not_made</name>
    <message>
        <source>{message} The {action} was not made; try it again later.</source>
        <translation>{message} Действие не выполнено; повторите его позже.</translation>
    </message>
</context>
<context>
    <name>api.write.outcome_unknown</name>
    <message>
        <source>{message} Whether the {action} took effect is unknown until the portal answers again; it will not be sent twice.</source>
        <translation>{message} Выполнено ли действие, станет известно, когда портал снова ответит; повторно оно отправлено не будет.</translation>
    </message>
</context>
<context>
    <name>api.write.position_range</name>
    <message>
        <source>The coordinates are out of range.</source>
        <translation>Координаты вне допустимого диапазона.</translation>
    </message>
</context>
<context>
    <name>api.write.still_closed</name>
    <message>
        <source>{message} The day is still CLOSED.</source>
        <translation>{message} Рабочий день по-прежнему завершён.</translation>
    </message>
</context>
<context>
    <name>api.write.still_expired</name>
    <message>
        <source>{message} The day is still EXPIRED.</source>
        <translation>{message} Рабочий день по-прежнему не закрыт.</translation>
    </message>
</context>
<context>
    <name>api.write.still_opened</name>
    <message>
        <source>{message} The day is still OPENED.</source>
        <translation>{message} Рабочий день по-прежнему идёт.</translation>
    </message>
</context>
<context>
    <name>api.write.still_paused</name>
    <message>
        <source>{message} The day is still PAUSED.</source>
        <translation>{message} По-прежнему идёт перерыв.</translation>
    </message>
</context>
<context>
    <name>autostart.control_character</name>
    <message>
        <source>The program&apos;s path contains a control character; it cannot start at login.</source>
        <translation>Путь к программе содержит управляющий символ; её нельзя запускать при входе в систему.</translation>
    </message>
</context>
<context>
    <name>autostart.general</name>
    <message>
        <source>Start at login could not be changed.</source>
        <translation>Не удалось изменить запуск при входе в систему.</translation>
    </message>
</context>
<context>
    <name>autostart.no_program</name>
    <message>
        <source>No program to start at login.</source>
        <translation>Не задана программа для запуска при входе в систему.</translation>
    </message>
</context>
<context>
    <name>autostart.read_failed</name>
    <message>
        <source>Could not read {path} ({reason}).</source>
        <translation>Не удалось прочитать {path} ({reason}).</translation>
    </message>
</context>
<context>
    <name>autostart.registry_read_failed</name>
    <message>
        <source>Could not read the start-at-login entry in the registry ({reason}).</source>
        <translation>Не удалось прочитать запись автозапуска в реестре ({reason}).</translation>
    </message>
</context>
<context>
    <name>autostart.registry_remove_failed</name>
    <message>
        <source>Could not remove the start-at-login entry in the registry ({reason}).</source>
        <translation>Не удалось удалить запись автозапуска из реестра ({reason}).</translation>
    </message>
</context>
<context>
    <name>autostart.registry_write_failed</name>
    <message>
        <source>Could not write the start-at-login entry in the registry ({reason}).</source>
        <translation>Не удалось записать запись автозапуска в реестр ({reason}).</translation>
    </message>
</context>
<context>
    <name>autostart.remove_failed</name>
    <message>
        <source>Could not remove {path} ({reason}); remove it by hand.</source>
        <translation>Не удалось удалить {path} ({reason}); удалите его вручную.</translation>
    </message>
</context>
<context>
    <name>autostart.write_failed</name>
    <message>
        <source>Could not write {path} ({reason}); check the folder&apos;s permissions.</source>
        <translation>Не удалось записать {path} ({reason}); проверьте права доступа к папке.</translation>
    </message>
</context>
<context>
    <name>backdate.before_break</name>
    <message>
        <source>the end {time} is before the break that began at {began}</source>
        <translation>окончание {time} раньше перерыва, начавшегося в {began}</translation>
    </message>
</context>
<context>
    <name>backdate.before_start</name>
    <message>
        <source>the end {time} must be after the start ({start})</source>
        <translation>окончание {time} должно быть позже начала ({start})</translation>
    </message>
</context>
<context>
    <name>backdate.end_in_future</name>
    <message>
        <source>the end {time} is in the future</source>
        <translation>окончание {time} в будущем</translation>
    </message>
</context>
<context>
    <name>backdate.no_start</name>
    <message>
        <source>the portal did not say when this day started</source>
        <translation>портал не сообщил, когда начался этот день</translation>
    </message>
</context>
<context>
    <name>backdate.not_a_time</name>
    <message>
        <source>{text} is not a time: give HH:MM (24-hour, e.g. 09:05) or a full ISO-8601 time like 2025-02-12T09:05:00+03:00</source>
        <translation>{text} — не время: укажите ЧЧ:ММ (24-часовой формат, например 09:05) или полное время ISO-8601, например 2025-02-12T09:05:00+03:00</translation>
    </message>
</context>
<context>
    <name>backdate.not_start_date</name>
    <message>
        <source>the end must be on the day&apos;s start date ({start_date}), not {date}</source>
        <translation>окончание должно быть в дату начала дня ({start_date}), а не {date}</translation>
    </message>
</context>
<context>
    <name>backdate.not_today</name>
    <message>
        <source>the start must be today ({today}), not {date}</source>
        <translation>начало должно быть сегодня ({today}), а не {date}</translation>
    </message>
</context>
<context>
    <name>backdate.nothing_to_close</name>
    <message>
        <source>there is no open day to close; the day is {state}</source>
        <translation>нет открытого дня, который можно закрыть; состояние дня: {state}</translation>
    </message>
</context>
<context>
    <name>backdate.offset</name>
    <message>
        <source>the offset of {text} must be whole minutes from -14:00 to +14:00</source>
        <translation>смещение в {text} должно быть в целых минутах от -14:00 до +14:00</translation>
    </message>
</context>
<context>
    <name>backdate.open_not_closed</name>
    <message>
        <source>a start time can only be given for a new day; the day is {state}</source>
        <translation>время начала можно указать только для нового дня; состояние дня: {state}</translation>
    </message>
</context>
<context>
    <name>backdate.overlaps_previous</name>
    <message>
        <source>the start {time} is before the previous day ended ({ended})</source>
        <translation>начало {time} раньше окончания предыдущего дня ({ended})</translation>
    </message>
</context>
<context>
    <name>backdate.reason_control</name>
    <message>
        <source>the reason contains control characters</source>
        <translation>в причине есть управляющие символы</translation>
    </message>
</context>
<context>
    <name>backdate.reason_missing</name>
    <message>
        <source>a reason is required when a time is changed (give --reason)</source>
        <translation>при изменении времени нужна причина (укажите --reason)</translation>
    </message>
</context>
<context>
    <name>backdate.reason_not_text</name>
    <message>
        <source>the reason holds bytes that are not valid UTF-8 text; retype it</source>
        <translation>в причине есть байты, не являющиеся текстом UTF-8; введите её заново</translation>
    </message>
</context>
<context>
    <name>backdate.reason_too_long</name>
    <message>
        <source>the reason is {length} characters long; at most {most} are allowed</source>
        <translation>длина причины {length} символов; допускается не больше {most}</translation>
    </message>
</context>
<context>
    <name>backdate.shorter_than_breaks</name>
    <message>
        <source>the end {time} leaves less time than the breaks already taken ({breaks})</source>
        <translation>окончание {time} оставляет меньше времени, чем уже взятые перерывы ({breaks})</translation>
    </message>
</context>
<context>
    <name>backdate.start_in_future</name>
    <message>
        <source>the start {time} is in the future</source>
        <translation>начало {time} в будущем</translation>
    </message>
</context>
<context>
    <name>backdate.too_far</name>
    <message>
        <source>{text} is too far in the past or the future for a workday</source>
        <translation>{text} слишком далеко в прошлом или будущем для рабочего дня</translation>
    </message>
</context>
<context>
    <name>journal.damaged</name>
    <message>
        <source>The history journal {path} is damaged ({reason}).</source>
        <translation>Журнал истории {path} повреждён ({reason}).</translation>
    </message>
</context>
<context>
    <name>journal.foreign</name>
    <message>
        <source>The history journal {path} is not a journal of timeman-tray.</source>
        <translation>Файл {path} — не журнал истории timeman-tray.</translation>
    </message>
</context>
<context>
    <name>journal.locked</name>
    <message>
        <source>The history journal {path} is locked by another program; the history is not being recorded now.</source>
        <translation>Журнал истории {path} заблокирован другой программой; история сейчас не записывается.</translation>
    </message>
</context>
<context>
    <name>journal.naive_time</name>
    <message>
        <source>A time recorded in the history journal needs a time zone.</source>
        <translation>Для времени в журнале истории нужен часовой пояс.</translation>
    </message>
</context>
<context>
    <name>journal.newer</name>
    <message>
        <source>The history journal {path} was written by a newer version of timeman-tray (schema {version}, this one knows {known}); it is left untouched.</source>
        <translation>Журнал истории {path} записан более новой версией timeman-tray (схема {version}, эта версия знает {known}); он оставлен без изменений.</translation>
    </message>
</context>
<context>
    <name>journal.no_folder</name>
    <message>
        <source>The folder of the history journal cannot be made: {reason}.</source>
        <translation>Не удалось создать папку журнала истории: {reason}.</translation>
    </message>
</context>
<context>
    <name>journal.not_moved_aside</name>
    <message>
        <source>The damaged history journal {path} cannot be moved aside: {reason}.</source>
        <translation>Повреждённый журнал истории {path} не удалось переместить: {reason}.</translation>
    </message>
</context>
<context>
    <name>journal.unreadable_entry</name>
    <message>
        <source>The history journal {path} holds an unreadable entry ({reason}).</source>
        <translation>В журнале истории {path} есть нечитаемая запись ({reason}).</translation>
    </message>
</context>
<context>
    <name>journal.unusable</name>
    <message>
        <source>The history journal {path} cannot be used: {reason}.</source>
        <translation>Журнал истории {path} нельзя использовать: {reason}.</translation>
    </message>
</context>
<context>
    <name>kept.damaged</name>
    <message>
        <source>The kept clicks in {path} are damaged ({reason}).</source>
        <translation>Сохранённые нажатия в {path} повреждены ({reason}).</translation>
    </message>
</context>
<context>
    <name>kept.locked</name>
    <message>
        <source>The kept clicks in {path} are locked by another program.</source>
        <translation>Сохранённые нажатия в {path} заняты другой программой.</translation>
    </message>
</context>
<context>
    <name>kept.newer</name>
    <message>
        <source>The kept clicks in {path} were written by a newer version of timeman-tray (schema {version}); they are left untouched.</source>
        <translation>Сохранённые нажатия в {path} записаны более новой версией timeman-tray (схема {version}); они оставлены как есть.</translation>
    </message>
</context>
<context>
    <name>kept.no_folder</name>
    <message>
        <source>The folder of the kept clicks cannot be made: {reason}.</source>
        <translation>Не удалось создать папку сохранённых нажатий: {reason}.</translation>
    </message>
</context>
<context>
    <name>kept.not_ours</name>
    <message>
        <source>{path} is not a file of kept clicks.</source>
        <translation>{path} — не файл сохранённых нажатий.</translation>
    </message>
</context>
<context>
    <name>kept.unreadable</name>
    <message>
        <source>The kept clicks in {path} hold an unreadable entry ({reason}).</source>
        <translation>В сохранённых нажатиях в {path} есть нечитаемая запись ({reason}).</translation>
    </message>
</context>
<context>
    <name>kept.unusable</name>
    <message>
        <source>The kept clicks in {path} cannot be used: {reason}.</source>
        <translation>Сохранённые нажатия в {path} недоступны: {reason}.</translation>
    </message>
</context>
<context>
    <name>keyring.bad_choice</name>
    <message>
        <source>The keyring backend chosen in PYTHON_KEYRING_BACKEND or keyringrc.cfg cannot be used (not installed, or its service is not running): start it, or correct or remove that setting.</source>
        <translation>Бэкенд хранилища ключей, выбранный в PYTHON_KEYRING_BACKEND или keyringrc.cfg, недоступен (не установлен или его служба не запущена): запустите его либо исправьте или удалите эту настройку.</translation>
    </message>
</context>
<context>
    <name>keyring.delete_failed</name>
    <message>
        <source>The keyring could not delete the webhook secret: try again, and if it keeps failing check the keyring with your desktop&apos;s password manager.</source>
        <translation>Хранилищу ключей не удалось удалить секрет вебхука: повторите попытку, а если ошибка повторяется, проверьте хранилище в менеджере паролей вашего рабочего стола.</translation>
    </message>
</context>
<context>
    <name>keyring.disabled</name>
    <message>
        <source>The keyring is switched off (keyring&apos;s null backend is configured): remove it from PYTHON_KEYRING_BACKEND or keyringrc.cfg so the webhook secret can be stored.</source>
        <translation>Хранилище ключей отключено (настроен пустой бэкенд keyring): уберите его из PYTHON_KEYRING_BACKEND или keyringrc.cfg, чтобы секрет вебхука можно было сохранить.</translation>
    </message>
</context>
<context>
    <name>keyring.failed.general</name>
    <message>
        <source>The keyring failed; try again.</source>
        <translation>Ошибка хранилища ключей; повторите попытку.</translation>
    </message>
</context>
<context>
    <name>keyring.locked</name>
    <message>
        <source>The keyring is locked: unlock it (log in to the desktop session, or run gnome-keyring-daemon --unlock) and try again.</source>
        <translation>Хранилище ключей заблокировано: разблокируйте его (войдите в сеанс рабочего стола или выполните gnome-keyring-daemon --unlock) и повторите попытку.</translation>
    </message>
</context>
<context>
    <name>keyring.locked.general</name>
    <message>
        <source>The keyring is locked; unlock it and try again.</source>
        <translation>Хранилище ключей заблокировано; разблокируйте его и повторите попытку.</translation>
    </message>
</context>
<context>
    <name>keyring.no_answer</name>
    <message>
        <source>The keyring did not answer within {seconds} s; it may be waiting for an unlock prompt: unlock the keyring and try again.</source>
        <translation>Хранилище ключей не ответило за {seconds} с; возможно, оно ждёт разблокировки: разблокируйте его и повторите попытку.</translation>
    </message>
</context>
<context>
    <name>keyring.none</name>
    <message>
        <source>No usable keyring: install and unlock GNOME Keyring or KWallet (Secret Service), or on a headless machine start gnome-keyring-daemon --unlock.</source>
        <translation>Нет пригодного хранилища ключей: установите и разблокируйте GNOME Keyring или KWallet (Secret Service), а на машине без графического сеанса запустите gnome-keyring-daemon --unlock.</translation>
    </message>
</context>
<context>
    <name>keyring.none.general</name>
    <message>
        <source>No usable keyring was found for the webhook secret.</source>
        <translation>Не найдено пригодного хранилища ключей для секрета вебхука.</translation>
    </message>
</context>
<context>
    <name>keyring.plaintext</name>
    <message>
        <source>Only the keyring backend {name} is available, which may keep the secret in a plain file: install and unlock GNOME Keyring or KWallet, or choose that backend on purpose with PYTHON_KEYRING_BACKEND.</source>
        <translation>Доступен только бэкенд хранилища ключей {name}, который может хранить секрет в обычном файле: установите и разблокируйте GNOME Keyring или KWallet либо осознанно выберите этот бэкенд через PYTHON_KEYRING_BACKEND.</translation>
    </message>
</context>
<context>
    <name>keyring.read_failed</name>
    <message>
        <source>The keyring could not read the webhook secret: try again, and if it keeps failing check the keyring with your desktop&apos;s password manager.</source>
        <translation>Хранилищу ключей не удалось прочитать секрет вебхука: повторите попытку, а если ошибка повторяется, проверьте хранилище в менеджере паролей вашего рабочего стола.</translation>
    </message>
</context>
<context>
    <name>keyring.store_failed</name>
    <message>
        <source>The keyring could not store the webhook secret: try again, and if it keeps failing check the keyring with your desktop&apos;s password manager.</source>
        <translation>Хранилищу ключей не удалось сохранить секрет вебхука: повторите попытку, а если ошибка повторяется, проверьте хранилище в менеджере паролей вашего рабочего стола.</translation>
    </message>
</context>
<context>
    <name>net.closed</name>
    <message>
        <source>the connection was closed</source>
        <translation>соединение закрыто</translation>
    </message>
</context>
<context>
    <name>net.host_unreachable</name>
    <message>
        <source>the server cannot be reached from this network</source>
        <translation>сервер недоступен из этой сети</translation>
    </message>
</context>
<context>
    <name>net.lookup_failed</name>
    <message>
        <source>the name of the server could not be looked up (no DNS answer)</source>
        <translation>не удалось найти имя сервера (нет ответа DNS)</translation>
    </message>
</context>
<context>
    <name>net.no_name</name>
    <message>
        <source>the name of the server cannot be found (check the address and the network)</source>
        <translation>имя сервера не найдено (проверьте адрес и сеть)</translation>
    </message>
</context>
<context>
    <name>net.no_network</name>
    <message>
        <source>there is no network</source>
        <translation>нет сети</translation>
    </message>
</context>
<context>
    <name>net.refused</name>
    <message>
        <source>the connection was refused</source>
        <translation>подключение отклонено</translation>
    </message>
</context>
<context>
    <name>net.reset</name>
    <message>
        <source>the connection was reset</source>
        <translation>соединение сброшено</translation>
    </message>
</context>
<context>
    <name>net.timed_out</name>
    <message>
        <source>the connection timed out</source>
        <translation>время ожидания соединения истекло</translation>
    </message>
</context>
<context>
    <name>prefetch.keyring_failed</name>
    <message>
        <source>Reading the keyring failed (exit {code}).</source>
        <translation>Не удалось прочитать хранилище ключей (код выхода {code}).</translation>
    </message>
</context>
<context>
    <name>prefetch.keyring_timeout</name>
    <message>
        <source>The keyring did not answer in time.</source>
        <translation>Хранилище ключей не ответило вовремя.</translation>
    </message>
</context>
<context>
    <name>schedule.cycle_days</name>
    <message>
        <source>must hold 1 to {most} days for planDaysType 2, got {count}</source>
        <translation>должен содержать от 1 до {most} дней при planDaysType 2, а содержит {count}</translation>
    </message>
</context>
<context>
    <name>schedule.empty_name</name>
    <message>
        <source>must not be empty</source>
        <translation>не должно быть пустым</translation>
    </message>
</context>
<context>
    <name>schedule.ends_before_start</name>
    <message>
        <source>is before dateFrom ({start})</source>
        <translation>раньше dateFrom ({start})</translation>
    </message>
</context>
<context>
    <name>schedule.kind.array</name>
    <message>
        <source>an array</source>
        <translation>массив</translation>
    </message>
</context>
<context>
    <name>schedule.kind.boolean</name>
    <message>
        <source>a boolean</source>
        <translation>логическое значение</translation>
    </message>
</context>
<context>
    <name>schedule.kind.null</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
</context>
<context>
    <name>schedule.kind.number</name>
    <message>
        <source>a number</source>
        <translation>число</translation>
    </message>
</context>
<context>
    <name>schedule.kind.object</name>
    <message>
        <source>an object</source>
        <translation>объект</translation>
    </message>
</context>
<context>
    <name>schedule.kind.string</name>
    <message>
        <source>a string</source>
        <translation>строка</translation>
    </message>
</context>
<context>
    <name>schedule.no_revision</name>
    <message>
        <source>must hold at least one revision</source>
        <translation>должен содержать хотя бы одну редакцию</translation>
    </message>
</context>
<context>
    <name>schedule.no_shift</name>
    <message>
        <source>must hold at least one shift with isIndividualTimeControl</source>
        <translation>должен содержать хотя бы одну смену с isIndividualTimeControl</translation>
    </message>
</context>
<context>
    <name>schedule.not_after</name>
    <message>
        <source>must be after {first} ({start}), got {end}</source>
        <translation>должно быть позже {first} ({start}), а указано {end}</translation>
    </message>
</context>
<context>
    <name>schedule.not_array</name>
    <message>
        <source>must be an array, got {kind}</source>
        <translation>должно быть массивом, а указано: {kind}</translation>
    </message>
</context>
<context>
    <name>schedule.not_choice</name>
    <message>
        <source>must be one of {options}, got {value}</source>
        <translation>должно быть одним из {options}, а указано {value}</translation>
    </message>
</context>
<context>
    <name>schedule.not_date</name>
    <message>
        <source>must be a date YYYY-MM-DD, got {text}</source>
        <translation>должно быть датой ГГГГ-ММ-ДД, а указано {text}</translation>
    </message>
</context>
<context>
    <name>schedule.not_first_day</name>
    <message>
        <source>must be the first day of a month, got {text}</source>
        <translation>должно быть первым днём месяца, а указано {text}</translation>
    </message>
</context>
<context>
    <name>schedule.not_flag</name>
    <message>
        <source>must be true or false, got {kind}</source>
        <translation>должно быть true или false, а указано: {kind}</translation>
    </message>
</context>
<context>
    <name>schedule.not_json</name>
    <message>
        <source>is not valid JSON: {reason} at line {line}, column {column}</source>
        <translation>не является корректным JSON: {reason} в строке {line}, позиция {column}</translation>
    </message>
</context>
<context>
    <name>schedule.not_last_day</name>
    <message>
        <source>must be the last day of a month, got {text}</source>
        <translation>должно быть последним днём месяца, а указано {text}</translation>
    </message>
</context>
<context>
    <name>schedule.not_null</name>
    <message>
        <source>is required and may not be null</source>
        <translation>обязательно и не может быть null</translation>
    </message>
</context>
<context>
    <name>schedule.not_number</name>
    <message>
        <source>must be a number, got {kind}</source>
        <translation>должно быть числом, а указано: {kind}</translation>
    </message>
</context>
<context>
    <name>schedule.not_object</name>
    <message>
        <source>must be an object, got {kind}</source>
        <translation>должно быть объектом, а указано: {kind}</translation>
    </message>
</context>
<context>
    <name>schedule.not_string</name>
    <message>
        <source>must be a string, got {kind}</source>
        <translation>должно быть строкой, а указано: {kind}</translation>
    </message>
</context>
<context>
    <name>schedule.not_uuid</name>
    <message>
        <source>must be a UUID or null, got {value}</source>
        <translation>должно быть UUID или null, а указано {value}</translation>
    </message>
</context>
<context>
    <name>schedule.not_whole</name>
    <message>
        <source>must be a whole number, got {value}</source>
        <translation>должно быть целым числом, а указано {value}</translation>
    </message>
</context>
<context>
    <name>schedule.out_of_range</name>
    <message>
        <source>must be between {low} and {high}, got {value}</source>
        <translation>должно быть от {low} до {high}, а указано {value}</translation>
    </message>
</context>
<context>
    <name>schedule.overlap</name>
    <message>
        <source>overlaps settingsRevisions[{other}], which runs to {end}</source>
        <translation>пересекается с settingsRevisions[{other}], которая действует до {end}</translation>
    </message>
</context>
<context>
    <name>schedule.refused</name>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
</context>
<context>
    <name>schedule.required</name>
    <message>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
</context>
<context>
    <name>schedule.required_or_null</name>
    <message>
        <source>is required (null is allowed)</source>
        <translation>обязательно (можно null)</translation>
    </message>
</context>
<context>
    <name>schedule.same_ends</name>
    <message>
        <source>must differ from begin ({begin})</source>
        <translation>должно отличаться от begin ({begin})</translation>
    </message>
</context>
<context>
    <name>schedule.same_start</name>
    <message>
        <source>starts on the same day as settingsRevisions[{other}] ({start})</source>
        <translation>начинается в тот же день, что и settingsRevisions[{other}] ({start})</translation>
    </message>
</context>
<context>
    <name>schedule.shifts_need_fixed</name>
    <message>
        <source>shift work needs fixed hours (timeControl 0), got timeControl {value}</source>
        <translation>для сменной работы нужны фиксированные часы (timeControl 0), а указано timeControl {value}</translation>
    </message>
</context>
<context>
    <name>schedule.too_many</name>
    <message>
        <source>may hold at most {most} items, got {count}</source>
        <translation>может содержать не больше {most} элементов, а содержит {count}</translation>
    </message>
</context>
<context>
    <name>schedule.two_without_start</name>
    <message>
        <source>only one revision may lack a start; settingsRevisions[{other}] has none too</source>
        <translation>начала может не быть только у одной редакции; у settingsRevisions[{other}] его тоже нет</translation>
    </message>
</context>
<context>
    <name>schedule.week_days</name>
    <message>
        <source>must hold 7 days (Monday first) for planDaysType 1, got {count}</source>
        <translation>должен содержать 7 дней (с понедельника) при planDaysType 1, а содержит {count}</translation>
    </message>
</context>
<context>
    <name>schedule.whole_days</name>
    <message>
        <source>must be whole days (a multiple of 1440), got {minutes}</source>
        <translation>должно быть целым числом дней (кратным 1440), а указано {minutes}</translation>
    </message>
</context>
<context>
    <name>schedule.window_reversed</name>
    <message>
        <source>must not be before {first} ({opens}), got {closes}</source>
        <translation>не должно быть раньше {first} ({opens}), а указано {closes}</translation>
    </message>
</context>
<context>
    <name>settings.check.nul</name>
    <message>
        <source>must not contain NUL characters</source>
        <translation>не должен содержать символы NUL</translation>
    </message>
</context>
<context>
    <name>settings.check.proxy_credentials</name>
    <message>
        <source>must not contain user@: proxy credentials are not kept in settings</source>
        <translation>не должен содержать user@: учётные данные прокси в настройках не хранятся</translation>
    </message>
</context>
<context>
    <name>settings.check.proxy_form</name>
    <message>
        <source>must be a URL such as http://proxy.example.com:3128</source>
        <translation>должен быть URL вида http://proxy.example.com:3128</translation>
    </message>
</context>
<context>
    <name>settings.check.proxy_host</name>
    <message>
        <source>has no valid host name; {expected}</source>
        <translation>не содержит корректного имени хоста; {expected}</translation>
    </message>
</context>
<context>
    <name>settings.check.secret</name>
    <message>
        <source>looks like a secret (a webhook URL or a password), which belongs in the keyring</source>
        <translation>похож на секрет (URL вебхука или пароль), а секретам место в хранилище ключей</translation>
    </message>
</context>
<context>
    <name>settings.check.text</name>
    <message>
        <source>must be text</source>
        <translation>должен быть текстом</translation>
    </message>
</context>
<context>
    <name>settings.field.ca_file</name>
    <message>
        <source>ca_file</source>
        <translation>путь к файлу сертификата</translation>
    </message>
</context>
<context>
    <name>settings.field.proxy</name>
    <message>
        <source>proxy</source>
        <translation>адрес прокси</translation>
    </message>
</context>
<context>
    <name>settings.file.bad_version</name>
    <message>
        <source>The settings file {path} has an invalid &quot;version&quot;: fix or delete it; until then timeman-tray uses default settings and keeps that file as {name}.bak when it next saves.</source>
        <translation>В файле настроек {path} неверное поле «version»: исправьте или удалите его; до тех пор timeman-tray использует настройки по умолчанию, а при следующем сохранении оставит этот файл под именем {name}.bak.</translation>
    </message>
</context>
<context>
    <name>settings.file.damaged</name>
    <message>
        <source>The settings file {path} is damaged ({reason}): fix or delete it; until then timeman-tray uses default settings and keeps that file as {name}.bak when it next saves.</source>
        <translation>Файл настроек {path} повреждён ({reason}): исправьте или удалите его; до тех пор timeman-tray использует настройки по умолчанию, а при следующем сохранении оставит этот файл под именем {name}.bak.</translation>
    </message>
</context>
<context>
    <name>settings.file.general</name>
    <message>
        <source>The settings file cannot be used; default settings apply.</source>
        <translation>Файл настроек нельзя использовать; действуют настройки по умолчанию.</translation>
    </message>
</context>
<context>
    <name>settings.file.newer</name>
    <message>
        <source>The settings file {path} was written by a newer timeman-tray (version {version}): fix or delete it; until then timeman-tray uses default settings and keeps that file as {name}.bak when it next saves.</source>
        <translation>Файл настроек {path} записан более новой версией timeman-tray ({version}): исправьте или удалите его; до тех пор timeman-tray использует настройки по умолчанию, а при следующем сохранении оставит этот файл под именем {name}.bak.</translation>
    </message>
</context>
<context>
    <name>settings.file.not_object</name>
    <message>
        <source>The settings file {path} does not hold a JSON object: fix or delete it; until then timeman-tray uses default settings and keeps that file as {name}.bak when it next saves.</source>
        <translation>Файл настроек {path} не содержит JSON-объекта: исправьте или удалите его; до тех пор timeman-tray использует настройки по умолчанию, а при следующем сохранении оставит этот файл под именем {name}.bak.</translation>
    </message>
</context>
<context>
    <name>settings.file.unreadable</name>
    <message>
        <source>The settings file {path} cannot be read ({reason}): check its permissions, or move it away to start with default settings.</source>
        <translation>Не удаётся прочитать файл настроек {path} ({reason}): проверьте права доступа к нему или переместите его, чтобы начать с настройками по умолчанию.</translation>
    </message>
</context>
<context>
    <name>settings.file.unwritable</name>
    <message>
        <source>The settings file {path} cannot be written ({reason}): check the free space and the permissions of its folder.</source>
        <translation>Не удаётся записать файл настроек {path} ({reason}): проверьте свободное место и права доступа к его папке.</translation>
    </message>
</context>
<context>
    <name>settings.refused</name>
    <message>
        <source>{name} {problem}</source>
        <translation>{name} {problem}</translation>
    </message>
</context>
<context>
    <name>time.bad_offset</name>
    <message>
        <source>not a valid UTC offset: {name}</source>
        <translation>некорректное смещение от UTC: {name}</translation>
    </message>
</context>
<context>
    <name>time.needs_offset</name>
    <message>
        <source>a time sent to the portal needs a time zone offset</source>
        <translation>для времени, отправляемого на портал, нужно смещение часового пояса</translation>
    </message>
</context>
<context>
    <name>time.repeated</name>
    <message>
        <source>{time} happens twice on {date} in {zone}: give the offset, e.g. +02:00</source>
        <translation>{time} бывает дважды {date} в {zone}: укажите смещение, например +02:00</translation>
    </message>
</context>
<context>
    <name>time.skipped</name>
    <message>
        <source>{time} does not exist on {date} in {zone} (the clocks jump forward)</source>
        <translation>{time} не существует {date} в {zone} (часы переводятся вперёд)</translation>
    </message>
</context>
<context>
    <name>time.unknown_zone</name>
    <message>
        <source>unknown time zone {name}: use a name like Europe/Berlin or an offset like +03:00</source>
        <translation>неизвестный часовой пояс {name}: укажите имя вида Europe/Berlin или смещение вида +03:00</translation>
    </message>
</context>
<context>
    <name>time.whole_minutes</name>
    <message>
        <source>the portal only understands offsets in whole minutes</source>
        <translation>портал понимает только смещения в целых минутах</translation>
    </message>
</context>
<context>
    <name>webhook.credentials</name>
    <message>
        <source>A webhook URL has no user:password@. Expected {form}</source>
        <translation>В URL вебхука не бывает user:password@. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.empty</name>
    <message>
        <source>No webhook URL given. Expected {form}</source>
        <translation>URL вебхука не указан. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.method</name>
    <message>
        <source>The part after the secret is not a method name. Expected {form}</source>
        <translation>Часть после секрета — не имя метода. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.not_url</name>
    <message>
        <source>That is not a URL. Expected {form}</source>
        <translation>Это не URL. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.path</name>
    <message>
        <source>That is not a webhook URL: the path must be /rest/USER_ID/SECRET/. Expected {form}</source>
        <translation>Это не URL вебхука: путь должен быть /rest/USER_ID/SECRET/. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.plain_http</name>
    <message>
        <source>Plain http:// would send the webhook secret unencrypted; use the https:// address of the portal. Expected {form}</source>
        <translation>По http:// секрет вебхука передавался бы без шифрования; используйте адрес портала с https://. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.portal_host</name>
    <message>
        <source>The portal address has no valid host name. Expected {form}</source>
        <translation>В адресе портала нет корректного имени хоста. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.portal_not_url</name>
    <message>
        <source>The portal address is not a URL. Expected {form}</source>
        <translation>Адрес портала — не URL. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.portal_scheme</name>
    <message>
        <source>The portal address must start with https://. Expected {form}</source>
        <translation>Адрес портала должен начинаться с https://. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.query</name>
    <message>
        <source>A webhook URL has no ?query or #fragment. Expected {form}</source>
        <translation>В URL вебхука не бывает ?запроса или #фрагмента. Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.secret_characters</name>
    <message>
        <source>The webhook secret has unexpected characters (letters and digits only). Expected {form}</source>
        <translation>В секрете вебхука недопустимые символы (допустимы только буквы и цифры). Ожидается {form}</translation>
    </message>
</context>
<context>
    <name>webhook.secret_spaces</name>
    <message>
        <source>The webhook secret contains spaces; copy the URL again</source>
        <translation>В секрете вебхука есть пробелы; скопируйте URL заново</translation>
    </message>
</context>
<context>
    <name>webhook.spaces</name>
    <message>
        <source>The webhook URL contains spaces. Expected {form} in one piece</source>
        <translation>В URL вебхука есть пробелы. Ожидается {form} целиком</translation>
    </message>
</context>
<context>
    <name>webhook.user_id</name>
    <message>
        <source>The user id must be a positive number. Expected {form}</source>
        <translation>Идентификатор пользователя должен быть положительным числом. Ожидается {form}</translation>
    </message>
</context>
</TS>
