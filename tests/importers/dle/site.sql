-- A small DataLife Engine site written for Vestnik's tests: the tables and columns the
-- importer reads, typed as DLE 15-17 declares them, plus a few it ignores. Dates are the
-- site's local time (Asia/Bishkek); editdate is a Unix time. Categories are in cp1251, as
-- on sites that began before DLE moved to UTF-8.

CREATE TABLE `dle_category` (
  `id` mediumint(8) NOT NULL AUTO_INCREMENT,
  `parentid` mediumint(8) NOT NULL DEFAULT 0,
  `posi` mediumint(8) NOT NULL DEFAULT 1,
  `name` varchar(50) NOT NULL DEFAULT '',
  `alt_name` varchar(50) NOT NULL DEFAULT '',
  `icon` varchar(200) NOT NULL DEFAULT '',
  `descr` varchar(300) NOT NULL DEFAULT '',
  `show_sub` tinyint(1) NOT NULL DEFAULT 0,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  KEY `parentid` (`parentid`)
) ENGINE=InnoDB DEFAULT CHARSET=cp1251;

CREATE TABLE `dle_users` (
  `user_id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(40) NOT NULL DEFAULT '',
  `email` varchar(50) NOT NULL DEFAULT '',
  `password` varchar(255) NOT NULL DEFAULT '',
  `news_num` mediumint(8) NOT NULL DEFAULT 0,
  `comm_num` mediumint(8) NOT NULL DEFAULT 0,
  `user_group` smallint(5) NOT NULL DEFAULT 4,
  `reg_date` int(11) unsigned NOT NULL DEFAULT 0,
  `fullname` varchar(100) NOT NULL DEFAULT '',
  `land` varchar(100) NOT NULL DEFAULT '',
  `banned` varchar(5) NOT NULL DEFAULT '',
  PRIMARY KEY (`user_id`),
  UNIQUE KEY `name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `dle_post` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `autor` varchar(40) NOT NULL DEFAULT '',
  `date` datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
  `short_story` mediumtext,
  `full_story` mediumtext,
  `xfields` mediumtext,
  `title` varchar(255) NOT NULL DEFAULT '',
  `descr` varchar(300) NOT NULL DEFAULT '',
  `keywords` text,
  `category` varchar(190) NOT NULL DEFAULT '0',
  `alt_name` varchar(190) NOT NULL DEFAULT '',
  `comm_num` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `allow_comm` tinyint(1) NOT NULL DEFAULT 1,
  `allow_main` tinyint(1) unsigned NOT NULL DEFAULT 1,
  `approve` tinyint(1) NOT NULL DEFAULT 0,
  `fixed` tinyint(1) NOT NULL DEFAULT 0,
  `allow_br` tinyint(1) NOT NULL DEFAULT 1,
  `symbol` varchar(3) NOT NULL DEFAULT '',
  `tags` varchar(255) NOT NULL DEFAULT '',
  `metatitle` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `alt_name` (`alt_name`),
  KEY `approve` (`approve`),
  KEY `date` (`date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `dle_post_extras` (
  `eid` int(11) NOT NULL AUTO_INCREMENT,
  `news_id` int(11) NOT NULL DEFAULT 0,
  `news_read` int(11) NOT NULL DEFAULT 0,
  `allow_rate` tinyint(1) NOT NULL DEFAULT 1,
  `rating` int(11) NOT NULL DEFAULT 0,
  `editdate` int(11) unsigned NOT NULL DEFAULT 0,
  `editor` varchar(40) NOT NULL DEFAULT '',
  `reason` varchar(255) NOT NULL DEFAULT '',
  `user_id` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`eid`),
  KEY `news_id` (`news_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `dle_comments` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `post_id` int(11) NOT NULL DEFAULT 0,
  `user_id` int(11) NOT NULL DEFAULT 0,
  `date` datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
  `autor` varchar(40) NOT NULL DEFAULT '',
  `email` varchar(40) NOT NULL DEFAULT '',
  `text` text,
  `ip` varchar(46) NOT NULL DEFAULT '',
  `is_register` tinyint(1) NOT NULL DEFAULT 0,
  `approve` tinyint(1) NOT NULL DEFAULT 1,
  `rating` int(11) NOT NULL DEFAULT 0,
  `parent` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `post_id` (`post_id`),
  KEY `parent` (`parent`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Regions nest under News; Culture is listed first (posi) but has no children.
INSERT INTO `dle_category` (`id`, `parentid`, `posi`, `name`, `alt_name`) VALUES
  (3, 2, 1, 'Ош', 'osh'),
  (1, 0, 1, 'Новости', 'news'),
  (2, 1, 2, 'Регионы', 'regions'),
  (4, 0, 0, 'Культура &amp; быт', 'culture');

INSERT INTO `dle_users` (`user_id`, `name`, `email`, `fullname`, `news_num`) VALUES
  (7, 'aidai', 'aidai@example.kg', 'Айдай Токтосунова', 2),
  (9, 'redactor', 'desk@example.kg', '', 1),
  (12, 'chitatel', 'reader@example.kg', 'Читатель Без Статей', 0);

INSERT INTO `dle_post` (`id`, `autor`, `date`, `short_story`, `full_story`, `xfields`,
  `title`, `descr`, `category`, `alt_name`, `approve`, `allow_main`, `fixed`, `tags`) VALUES
  (101, 'aidai', '2024-03-05 09:30:00',
   '<!--dle_image_begin:https://old.example.kg/uploads/posts/2024-03/arik.jpg|left--><img src="https://old.example.kg/uploads/posts/2024-03/arik.jpg" style="float:left;" alt="Арык"><!--dle_image_end-->В Оше почистили арыки перед поливом.',
   '<p>Работы заняли [b]две недели[/b], сообщили в мэрии.</p><!--QuoteBegin--><div class="quote"><!--QuoteEBegin-->Вода дойдёт до окраин<!--QuoteEnd--></div><!--QuoteEEnd-->{PAGEBREAK}<p>Подробности [url=https://example.kg/water]на сайте водоканала[/url].</p><!--TBegin:/uploads/posts/2024-03/big.jpg|left--><a href="/uploads/posts/2024-03/big.jpg" class="highslide"><img src="/uploads/posts/2024-03/thumbs/big.jpg" alt="Арык после чистки"></a><!--TEnd-->',
   'image|2024-03/1709620000_arik.jpg||istochnik|мэрия Оша &#124; пресс-служба',
   'Арыки Оша готовы к поливу', '', '3', 'aryki-osha-gotovy', 1, 1, 0, 'Ош, вода,  полив, вода'),
  (102, 'redactor', '2024-03-06 18:00:00',
   '[center][size=4]Выставка[/size][/center] войлока открылась в [color=red]Бишкеке[/color].',
   '', '', 'Выставка войлока', 'Ширдаки и кийизы мастериц', '4,1', 'vystavka-voiloka', 1, 0, 1, ''),
  (103, 'aidai', '2024-03-07 11:15:00', 'Черновик о ремонте дорог.',
   '<p>Текст ещё [i]не вычитан</p>', '', 'Ремонт дорог: черновик', '', '2', 'remont-dorog', 0, 1, 0, 'дороги'),
  (104, 'gost', '2099-01-01 08:00:00', 'Заметка ждёт своего часа.', '', '',
   'Будущая заметка', '', '0', '', 1, 1, 0, ''),
  (105, 'aidai', '2024-03-08 10:00:00', '',
   '<p onclick="steal()">Текст <script>alert(1)</script>[url=javascript:alert(2)]ссылка[/url] [img]javascript:alert(3)[/img] <a href="jAvAscript:alert(4)">ещё</a> [b][i]незакрыто <div><table><tr><td>ячейка ',
   'image|javascript:alert(5)', 'Опасный &lt;b&gt;текст&lt;/b&gt;', '', '99,3', 'opasnyi-tekst', 1, 1, 0, '');

-- A huge story: 200,000 bold words (about 3.6 MB) after the hostile markup above.
UPDATE `dle_post` SET `full_story` = CONCAT(`full_story`, REPEAT('[b]слово[/b] ', 200000))
  WHERE `id` = 105;

INSERT INTO `dle_post_extras` (`news_id`, `news_read`, `editdate`, `editor`) VALUES
  (101, 250, 1709715600, 'aidai'),
  (102, 12, 0, '');

INSERT INTO `dle_comments` (`id`, `post_id`, `user_id`, `date`, `autor`, `email`, `text`,
  `is_register`, `approve`, `parent`) VALUES
  (501, 101, 12, '2024-03-05 10:00:00', 'chitatel', 'reader@example.kg',
   'Наконец-то!<br />Вода пошла &amp; огороды ожили.', 1, 1, 0),
  (502, 101, 0, '2024-03-05 10:20:00', 'Гость', 'guest@example.kg',
   '[quote]Наконец-то![/quote]<br />А у нас ещё сухо.', 0, 1, 501),
  (503, 101, 0, '2024-03-05 11:00:00', 'спамер', '', 'Купите <a href="javascript:alert(1)">это</a>', 0, 0, 0),
  (504, 102, 0, '2024-03-06 19:00:00', 'Гость', '', 'Красиво', 0, 1, 9999),
  (505, 105, 0, '0000-00-00 00:00:00', 'Гость', '', '<img src=x onerror=alert(1)>Привет', 0, 1, 0);
