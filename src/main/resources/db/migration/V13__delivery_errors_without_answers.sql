-- A failed group-robot call used to keep in last_error what the other side answered (up to 200 characters of its
-- body, the robot's error message) or the text of the connection error; GET /api/notifications showed it. Since
-- issue 14 only a short reason is kept (群机器人返回 HTTP 500, 群机器人拒收（errcode 310000）, 群机器人无法连接, 地址不允许：…);
-- the rows written before keep their reason and lose the rest.
update notification_delivery set last_error = substring(last_error from 1 for 15)
where last_error like '群机器人返回 HTTP ___：%';
update notification_delivery set last_error = '群机器人拒收'
where last_error like '群机器人拒收（errcode %）：%';
update notification_delivery set last_error = '群机器人无法连接'
where last_error like '群机器人无法连接：%';
